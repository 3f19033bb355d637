using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using PredictiveMigration.Sandbox.TriggerHost;

namespace PredictiveMigration.Cli.Sandbox;

/// <summary>
/// Follows a running sandbox from the outside, as an operator would: the timers' invocation logs (what the Functions
/// host would log), the app's HTTP API (migrations, servers, forecasts) and the trigger host's counters. Keeps a
/// sample per poll for the report's charts, and the forecasts it saw for the accuracy figures.
/// </summary>
internal sealed partial class SandboxMonitor(HttpClient api, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly List<ProgressSample> _samples = [];
    private readonly List<ObservedForecast> _observed = [];
    private readonly Dictionary<string, DateTimeOffset> _forecastOrigins = new(StringComparer.Ordinal);
    private long _forecastRuns;
    private long _forecasts;
    private long _failedRuns;
    private int _atRisk;
    private string _lastModel = "";
    private double _lastRunSeconds;

    /// <summary>How long the last RunForecasts took (real seconds, as the app measured it).</summary>
    public double LastRunSeconds
    {
        get
        {
            lock (_gate)
            {
                return _lastRunSeconds;
            }
        }
    }

    /// <summary>Statuses of every migration seen, by id (the latest).</summary>
    public Dictionary<string, MigrationSeen> Migrations { get; } = new(StringComparer.Ordinal);

    public long ForecastRuns => Interlocked.Read(ref _forecastRuns);

    public long Forecasts => Interlocked.Read(ref _forecasts);

    public long FailedForecastRuns => Interlocked.Read(ref _failedRuns);

    public int AtRisk => Volatile.Read(ref _atRisk);

    public IReadOnlyList<ProgressSample> Samples
    {
        get
        {
            lock (_gate)
            {
                return [.. _samples];
            }
        }
    }

    public IReadOnlyList<ObservedForecast> ObservedForecasts
    {
        get
        {
            lock (_gate)
            {
                return [.. _observed];
            }
        }
    }

    public string LastModel
    {
        get
        {
            lock (_gate)
            {
                return _lastModel;
            }
        }
    }

    /// <summary>The trigger host's invocation callback: reads RunForecasts' summary log line.</summary>
    public void Observe(string function, InvocationOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (function != "RunForecasts")
        {
            return;
        }

        if (!outcome.Succeeded)
        {
            Interlocked.Increment(ref _failedRuns);
            return;
        }

        if (ParseForecastSummary(outcome.Body) is { } summary)
        {
            Interlocked.Increment(ref _forecastRuns);
            Interlocked.Add(ref _forecasts, summary.Forecast);
            Volatile.Write(ref _atRisk, summary.AtRisk);
            lock (_gate)
            {
                _lastModel = summary.Model;
                _lastRunSeconds = summary.Seconds;
            }
        }
    }

    /// <summary>
    /// Reads <c>"tick …: 50 active, 48 forecast, 3 at risk, 0 candidates removed, model v…, 0.42 s"</c> from the
    /// invocation's <c>Logs</c> (the RunForecasts summary); null when the body holds none.
    /// </summary>
    public static (int Forecast, int AtRisk, string Model, double Seconds)? ParseForecastSummary(string body)
    {
        foreach (var line in InvocationLogs(body))
        {
            var m = SummaryPattern().Match(line);
            if (m.Success)
            {
                return (int.Parse(m.Groups["forecast"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["risk"].Value, CultureInfo.InvariantCulture), m.Groups["model"].Value,
                    double.Parse(m.Groups["seconds"].Value, CultureInfo.InvariantCulture));
            }
        }

        return null;
    }

    /// <summary>The <c>Logs</c> lines of a custom-handler invocation response; none when the body holds no such array.</summary>
    public static IReadOnlyList<string> InvocationLogs(string body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return [];
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("Logs", out var logs) && logs.ValueKind == JsonValueKind.Array
                ? [.. logs.EnumerateArray().Select(l => l.ToString())]
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    [GeneratedRegex(@"(?<forecast>\d+) forecast, (?<risk>\d+) at risk, .*model (?<model>[^,]+), (?<seconds>[0-9.]+) s")]
    private static partial Regex SummaryPattern();

    /// <summary>Polls the migrations list and records a progress sample.</summary>
    public async Task<ProgressSample> PollAsync(long eventsIngested, CancellationToken cancellationToken)
    {
        var body = await api.GetFromJsonAsync<JsonElement>("api/migrations?max=1000", cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            foreach (var m in body.GetProperty("migrations").EnumerateArray())
            {
                var id = m.GetProperty("migrationId").GetString()!;
                Migrations[id] = new MigrationSeen(id, m.GetProperty("serverId").GetString()!, m.GetProperty("status").GetString()!,
                    m.GetProperty("strategy").GetString() ?? "", m.GetProperty("reason").GetString() ?? "",
                    m.TryGetProperty("outcome", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString() : null);
            }

            var sample = new ProgressSample(clock.GetUtcNow(), eventsIngested, Forecasts, AtRisk,
                Count("Running") + Count("RollingBack") + Count("Scheduled") + Count("AwaitingApproval"), Count("Completed"), Count("RolledBack"), Count("Failed"));
            _samples.Add(sample);
            return sample;
        }

        int Count(string status) => Migrations.Values.Count(m => m.Status == status);
    }

    /// <summary>Takes the latest CPU forecast of the servers most at risk (and a few steady ones) that has not been seen yet.</summary>
    public async Task CollectForecastsAsync(int servers, CancellationToken cancellationToken)
    {
        var list = await api.GetFromJsonAsync<JsonElement>($"api/servers?sort=id&pageSize={servers}", cancellationToken).ConfigureAwait(false);
        var ids = list.GetProperty("servers").EnumerateArray().Select(s => s.GetProperty("serverId").GetString()!).Take(servers).ToList();
        foreach (var id in ids)
        {
            using var response = await api.GetAsync($"api/servers/{Uri.EscapeDataString(id)}/forecast?horizon=1h", cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                continue;
            }

            var doc = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
            foreach (var resource in doc.GetProperty("resources").EnumerateArray())
            {
                if (resource.GetProperty("resource").GetString() != "cpu")
                {
                    continue;
                }

                var origin = resource.GetProperty("origin").GetDateTimeOffset();
                lock (_gate)
                {
                    if (_forecastOrigins.TryGetValue(id, out var seen) && seen >= origin)
                    {
                        continue;
                    }

                    _forecastOrigins[id] = origin;
                    _observed.Add(new ObservedForecast(id, origin, resource.GetProperty("model").GetString() ?? "",
                        [.. resource.GetProperty("points").EnumerateArray().Select(p => new ForecastPoint(
                            p.GetProperty("t").GetDateTimeOffset(), p.GetProperty("value").GetDouble(),
                            p.GetProperty("lower80").GetDouble(), p.GetProperty("upper80").GetDouble()))]));
                }
            }
        }
    }
}

internal sealed record MigrationSeen(string MigrationId, string ServerId, string Status, string Strategy, string Reason, string? Outcome);

internal sealed record ProgressSample(DateTimeOffset At, long EventsIngested, long Forecasts, int AtRisk, int Active, int Completed, int RolledBack, int Failed);

internal sealed record ForecastPoint(DateTimeOffset Time, double Value, double Lower80, double Upper80);

internal sealed record ObservedForecast(string ServerId, DateTimeOffset Origin, string Model, IReadOnlyList<ForecastPoint> Points);
