using System.Collections.Concurrent;
using PredictiveMigration.Domain.Alerts;

namespace PredictiveMigration.Functions.Tests.Alerts;

/// <summary>An in-memory <see cref="IAlertPublisher"/> for unit tests: records what is published, can fail, and can look at the world while publishing.</summary>
internal sealed class RecordingAlertPublisher : IAlertPublisher
{
    private readonly ConcurrentQueue<Alert> _published = new();

    public IReadOnlyList<Alert> Published => [.. _published];

    /// <summary>Thrown instead of publishing, when set.</summary>
    public Exception? Failure { get; set; }

    /// <summary>Runs on each publish, before it is recorded.</summary>
    public Action<Alert>? OnPublish { get; set; }

    public Task<AlertPublishResult> PublishAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        alert.Validate();
        OnPublish?.Invoke(alert);
        if (Failure is not null)
        {
            throw Failure;
        }

        _published.Enqueue(alert);
        return Task.FromResult(new AlertPublishResult(AlertPublishOutcome.NoSubscriber, [], []));
    }
}
