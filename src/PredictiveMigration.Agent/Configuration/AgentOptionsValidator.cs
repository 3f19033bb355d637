using System.Globalization;
using Microsoft.Extensions.Options;
using PredictiveMigration.Domain.Metrics;

namespace PredictiveMigration.Agent.Configuration;

/// <summary>Checks the whole <c>Agent</c> section at start; every message names the setting at fault.</summary>
internal sealed class AgentOptionsValidator : IValidateOptions<AgentOptions>
{
    internal const long MinSpoolBytes = 64 * 1024;
    internal const long MaxSpoolBytesLimit = 1L << 40;
    internal const int MaxBatchEventsLimit = 10_000;

    private static readonly TimeSpan MinProbeTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxProbeTimeout = TimeSpan.FromMinutes(5);

    public ValidateOptionsResult Validate(string? name, AgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (!MetricEventValidator.IsValidServerId(options.ServerId))
        {
            failures.Add(Invariant($"Agent:ServerId '{options.ServerId}' is invalid: use 1-{MetricEventValidator.MaxServerIdLength} characters of A-Z a-z 0-9 . _ - : starting with a letter or digit."));
        }

        CheckInterval(failures, "Agent:SampleInterval", options.SampleInterval, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), "1 s and 1 h");
        CheckInterval(failures, "Agent:SendInterval", options.SendInterval, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), "1 s and 1 h");

        if (options.MaxBatchEvents is < 1 or > MaxBatchEventsLimit)
        {
            failures.Add(Invariant($"Agent:MaxBatchEvents must be between 1 and {MaxBatchEventsLimit} (was {options.MaxBatchEvents})."));
        }

        if (string.IsNullOrWhiteSpace(options.SpoolDirectory))
        {
            failures.Add("Agent:SpoolDirectory must be set.");
        }

        if (options.MaxSpoolBytes is < MinSpoolBytes or > MaxSpoolBytesLimit)
        {
            failures.Add(Invariant($"Agent:MaxSpoolBytes must be between {MinSpoolBytes} (64 KiB) and {MaxSpoolBytesLimit} (1 TiB) (was {options.MaxSpoolBytes})."));
        }

        if (string.IsNullOrWhiteSpace(options.ProcRoot))
        {
            failures.Add("Agent:ProcRoot must be set.");
        }

        ValidateProbes(failures, options.Probes ?? new ProbeOptions());
        ValidateSink(failures, options.Sink ?? new SinkOptions());

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateProbes(List<string> failures, ProbeOptions probes)
    {
        if (!string.IsNullOrWhiteSpace(probes.HttpUrl) && !IsHttpUrl(probes.HttpUrl))
        {
            failures.Add(Invariant($"Agent:Probes:HttpUrl '{probes.HttpUrl}' must be an absolute http or https URL."));
        }

        CheckInterval(failures, "Agent:Probes:HttpTimeout", probes.HttpTimeout, MinProbeTimeout, MaxProbeTimeout, "100 ms and 5 min");
        CheckInterval(failures, "Agent:Probes:CommandTimeout", probes.CommandTimeout, MinProbeTimeout, MaxProbeTimeout, "100 ms and 5 min");
    }

    private static void ValidateSink(List<string> failures, SinkOptions sink)
    {
        if (!Enum.IsDefined(sink.Mode))
        {
            failures.Add(Invariant($"Agent:Sink:Mode must be Http or EventHubs (was {(int)sink.Mode})."));
        }

        CheckInterval(failures, "Agent:Sink:Timeout", sink.Timeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5), "1 s and 5 min");

        if (sink.Mode == SinkMode.Http)
        {
            var http = sink.Http ?? new HttpSinkOptions();
            if (string.IsNullOrWhiteSpace(http.Url))
            {
                failures.Add("Agent:Sink:Http:Url must be set when Agent:Sink:Mode is Http.");
            }
            else if (!IsHttpUrl(http.Url))
            {
                failures.Add(Invariant($"Agent:Sink:Http:Url '{http.Url}' must be an absolute http or https URL."));
            }
        }

        if (sink.Mode == SinkMode.EventHubs)
        {
            ValidateEventHubs(failures, sink.EventHubs ?? new EventHubsSinkOptions());
        }
    }

    private static void ValidateEventHubs(List<string> failures, EventHubsSinkOptions hubs)
    {
        if (string.IsNullOrWhiteSpace(hubs.FullyQualifiedNamespace))
        {
            failures.Add("Agent:Sink:EventHubs:FullyQualifiedNamespace must be set when Agent:Sink:Mode is EventHubs.");
        }
        else if (Uri.CheckHostName(hubs.FullyQualifiedNamespace) != UriHostNameType.Dns)
        {
            failures.Add(Invariant($"Agent:Sink:EventHubs:FullyQualifiedNamespace '{hubs.FullyQualifiedNamespace}' must be a host name such as contoso.servicebus.windows.net (no scheme, no path)."));
        }

        if (string.IsNullOrWhiteSpace(hubs.HubName))
        {
            failures.Add("Agent:Sink:EventHubs:HubName must be set when Agent:Sink:Mode is EventHubs.");
        }
        else if (hubs.HubName.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-')))
        {
            failures.Add(Invariant($"Agent:Sink:EventHubs:HubName '{hubs.HubName}' may only contain letters, digits, '.', '_' and '-'."));
        }

        var hasKey = !string.IsNullOrEmpty(hubs.SasKey);
        var hasKeyName = !string.IsNullOrWhiteSpace(hubs.SasKeyName);
        if (hasKey && !hasKeyName)
        {
            failures.Add("Agent:Sink:EventHubs:SasKeyName must be set when Agent:Sink:EventHubs:SasKey is set.");
        }

        if (hasKeyName && !hasKey)
        {
            failures.Add("Agent:Sink:EventHubs:SasKey must be set when Agent:Sink:EventHubs:SasKeyName is set (or remove both to use Entra ID).");
        }

        if (!string.IsNullOrWhiteSpace(hubs.ClientId) && !Guid.TryParse(hubs.ClientId, out _))
        {
            failures.Add(Invariant($"Agent:Sink:EventHubs:ClientId '{hubs.ClientId}' must be a GUID (the managed identity's client id)."));
        }

        CheckInterval(failures, "Agent:Sink:EventHubs:SasTokenLifetime", hubs.SasTokenLifetime, TimeSpan.FromMinutes(10), TimeSpan.FromDays(7), "10 min and 7 days");
    }

    private static void CheckInterval(List<string> failures, string setting, TimeSpan value, TimeSpan min, TimeSpan max, string range)
    {
        if (value < min || value > max)
        {
            failures.Add(Invariant($"{setting} must be between {range} (was {value})."));
        }
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
