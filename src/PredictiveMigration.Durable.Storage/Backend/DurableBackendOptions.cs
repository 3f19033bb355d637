using Azure.Core;

namespace PredictiveMigration.Durable.Storage.Backend;

/// <summary>
/// Settings of the development backend and its client. Bound from the <c>DurableBackend</c> section or set in code;
/// <see cref="Validate(bool)"/> runs at registration and names the setting in every message.
/// </summary>
public sealed class DurableBackendOptions
{
    /// <summary>The configuration section, and the prefix of every setting name in validation messages.</summary>
    public const string SectionName = "DurableBackend";

    /// <summary>Storage connection string (e.g. Azurite's). Either this or the two service URIs plus <see cref="Credential"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Table service URI, used with <see cref="Credential"/> when <see cref="ConnectionString"/> is not set.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>Queue service URI, used with <see cref="Credential"/> when <see cref="ConnectionString"/> is not set.</summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>The identity for the service URIs (e.g. a managed identity credential).</summary>
    public TokenCredential? Credential { get; set; }

    /// <summary>
    /// The task hub: the prefix of the history table (<c>{hub}History</c>) and of the queues (<c>{hub}-control</c>,
    /// <c>{hub}-workitems</c>, lower-cased). 3 to 45 letters or digits, starting with a letter. Default <c>PmDevHub</c>.
    /// </summary>
    public string TaskHubName { get; set; } = "PmDevHub";

    /// <summary>
    /// Where the app's function routes are: orchestrators and activities are POSTed to <c>{AppBaseUrl}/{FunctionName}</c>,
    /// as the Functions host does. Required by the backend (not by the client). No default.
    /// </summary>
    public Uri? AppBaseUrl { get; set; }

    /// <summary>Orchestration episodes (one instance each) run at once by one backend. Default 8.</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 8;

    /// <summary>Activity calls run at once by one backend. Default 16.</summary>
    public int MaxConcurrentActivities { get; set; } = 16;

    /// <summary>How long an idle dispatcher waits before it polls its queue again (real time). Default 500 ms.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// A message received more often than this is poison: its instance is marked Failed with the reason. Default 5,
    /// as the Functions queue trigger's <c>maxDequeueCount</c>.
    /// </summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>
    /// How long a received message stays invisible to other dispatchers (real time). It is renewed while the work
    /// runs, so it only bounds how soon another dispatcher takes over after a crash. Default 30 s.
    /// </summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a message waits before it is retried after a platform error (the app unreachable or timing out).
    /// Default 1 s.
    /// </summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest a timer message stays invisible (real time) before it is looked at again. A timer further away is
    /// re-enqueued until it is due by the <see cref="TimeProvider"/>. Queue messages cannot stay invisible longer than
    /// 7 days; with an accelerated clock set this to how late a timer may fire (e.g. 1 s). Default 6 days.
    /// </summary>
    public TimeSpan MaxTimerVisibility { get; set; } = TimeSpan.FromDays(6);

    /// <summary>Timeout of one call of an orchestrator or activity route (the host's functionTimeout). Default 5 minutes.</summary>
    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The history table name.</summary>
    public string HistoryTableName => TaskHubName + "History";

    /// <summary>The orchestrator work queue name.</summary>
    public string ControlQueueName => TaskHubName.ToLowerInvariant() + "-control";

    /// <summary>The activity work queue name.</summary>
    public string WorkItemQueueName => TaskHubName.ToLowerInvariant() + "-workitems";

    /// <summary>Checks every setting; throws with a message naming the first bad one.</summary>
    /// <param name="requireAppBaseUrl">Whether <see cref="AppBaseUrl"/> is needed (the backend: yes; a client alone: no).</param>
    /// <exception cref="InvalidOperationException">A setting is invalid.</exception>
    public void Validate(bool requireAppBaseUrl = true)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString) && (TableServiceUri is null || QueueServiceUri is null || Credential is null))
        {
            throw new InvalidOperationException(
                $"{SectionName}:ConnectionString is not set: set it to a storage connection string, or set {SectionName}:TableServiceUri, {SectionName}:QueueServiceUri and a Credential.");
        }

        if (string.IsNullOrEmpty(TaskHubName) || TaskHubName.Length is < 3 or > 45 || !char.IsAsciiLetter(TaskHubName[0]) || !TaskHubName.All(char.IsAsciiLetterOrDigit))
        {
            throw new InvalidOperationException($"{SectionName}:TaskHubName must be 3-45 letters or digits, starting with a letter (was '{TaskHubName}').");
        }

        if (requireAppBaseUrl && (AppBaseUrl is null || !AppBaseUrl.IsAbsoluteUri || (AppBaseUrl.Scheme != Uri.UriSchemeHttp && AppBaseUrl.Scheme != Uri.UriSchemeHttps)))
        {
            throw new InvalidOperationException($"{SectionName}:AppBaseUrl must be an absolute http(s) URL of the app serving the function routes (was '{AppBaseUrl}').");
        }

        Range(nameof(MaxConcurrentOrchestrations), MaxConcurrentOrchestrations, 1, 256);
        Range(nameof(MaxConcurrentActivities), MaxConcurrentActivities, 1, 256);
        Range(nameof(MaxDequeueCount), MaxDequeueCount, 1, 100);
        Range(nameof(PollInterval), PollInterval, TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(1));
        Range(nameof(VisibilityTimeout), VisibilityTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        Range(nameof(RetryDelay), RetryDelay, TimeSpan.Zero, TimeSpan.FromHours(1));
        Range(nameof(MaxTimerVisibility), MaxTimerVisibility, TimeSpan.FromMilliseconds(1), TimeSpan.FromDays(6.9));
        Range(nameof(HttpTimeout), HttpTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromHours(24));
    }

    private static void Range(string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            throw new InvalidOperationException($"{SectionName}:{name} must be from {min} to {max} (was {value}).");
        }
    }

    private static void Range(string name, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            throw new InvalidOperationException($"{SectionName}:{name} must be from {min} to {max} (was {value}).");
        }
    }
}
