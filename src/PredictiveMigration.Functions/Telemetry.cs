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

    /// <summary>Servers forecast by RunForecasts.</summary>
    public static readonly Counter<long> ForecastServers = Meter.CreateCounter<long>("pm.forecast.servers", "{server}", "Servers forecast and scored");

    /// <summary>Servers at or above the risk threshold, per run.</summary>
    public static readonly Histogram<long> ForecastAtRisk = Meter.CreateHistogram<long>("pm.forecast.at_risk", "{server}", "Servers at or above the risk threshold in a run");

    /// <summary>Duration of a RunForecasts run.</summary>
    public static readonly Histogram<double> ForecastDuration = Meter.CreateHistogram<double>("pm.forecast.duration", "s", "Duration of a forecasting run");

    /// <summary>Failed RunForecasts invocations (each is retried by the host).</summary>
    public static readonly Counter<long> ForecastFailures = Meter.CreateCounter<long>("pm.forecast.failures", "{invocation}", "Forecast runs that failed and will be retried");

    /// <summary>RetrainModels runs by outcome (promoted or not).</summary>
    public static readonly Counter<long> RetrainRuns = Meter.CreateCounter<long>("pm.retrain.runs", "{run}", "Retraining runs by whether the new model was promoted");
}
