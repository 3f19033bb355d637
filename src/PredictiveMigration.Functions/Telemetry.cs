using System.Diagnostics.Metrics;

namespace PredictiveMigration.Functions;

/// <summary>The app's one meter, <c>PredictiveMigration</c>, with dotted instrument names (STYLE.md §8).</summary>
internal static class Telemetry
{
    public const string MeterName = "PredictiveMigration";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Events by outcome: accepted, duplicate, rejected.</summary>
    public static readonly Counter<long> IngestEvents = Meter.CreateCounter<long>("pm.ingest.events", "{event}", "Metric events by outcome");

    /// <summary>Failed ingestion invocations (each is retried by the host).</summary>
    public static readonly Counter<long> IngestFailures = Meter.CreateCounter<long>("pm.ingest.failures", "{invocation}", "Ingestion invocations that failed and will be retried");
}
