using System.Globalization;
using PredictiveMigration.Domain.Forecasting;

namespace PredictiveMigration.Forecasting.Risk;

/// <summary>
/// Turns forecasts into a <see cref="RiskAssessment"/>. Per resource: probability of crossing = the largest per-step
/// probability of being at or above the threshold within the horizon; resource score = 100 x that probability.
/// Server score = the largest resource score, plus up to <see cref="RiskOptions.AnomalyWeight"/> for an anomaly and
/// up to <see cref="RiskOptions.PrecursorWeight"/> for failure precursors, capped at 100.
/// </summary>
public sealed class RiskScorer(RiskOptions options)
{
    public RiskOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    public RiskAssessment Assess(string serverId, DateTimeOffset assessedAt, IReadOnlyList<ResourceOutlook> outlooks, HealthSignals health, string modelVersion)
    {
        ArgumentNullException.ThrowIfNull(outlooks);
        ArgumentNullException.ThrowIfNull(health);
        var resources = new List<ResourceRisk>();
        var reasons = new List<RiskReason>();
        foreach (var o in outlooks)
        {
            var risk = Resource(o);
            resources.Add(risk);
            if (risk.Probability >= Options.ReasonProbability || o.Forecast.Points.Any(p => p.Upper90 >= o.Threshold))
            {
                reasons.Add(Reason(o, risk));
            }
        }

        var score = resources.Count == 0 ? 0 : resources.Max(r => r.Score);
        var anomaly = health.AnomalyScore >= Options.AnomalyFloor ? Options.AnomalyWeight * (health.AnomalyScore - Options.AnomalyFloor) / (1 - Options.AnomalyFloor) : 0;
        if (anomaly > 0)
        {
            reasons.Add(new RiskReason(RiskReasonCode.Anomaly, null, string.Create(CultureInfo.InvariantCulture, $"unusual behaviour: anomaly score {health.AnomalyScore:F2} (rank in the last week)")));
        }

        var precursor = 0.0;
        if (health.ErrorRateRatio is { } ratio && ratio >= Options.ErrorRatioFloor)
        {
            precursor = Math.Max(precursor, Math.Min(1, (ratio - 1) / 3));
            reasons.Add(new RiskReason(RiskReasonCode.ErrorRateRising, null, string.Create(CultureInfo.InvariantCulture, $"errors at {ratio:F1}x their usual rate")));
        }

        if (health.LatencyDriftPercent is { } drift && drift >= Options.LatencyDriftFloor)
        {
            precursor = Math.Max(precursor, Math.Min(1, drift / 100));
            reasons.Add(new RiskReason(RiskReasonCode.LatencyDrift, null, string.Create(CultureInfo.InvariantCulture, $"probe latency {drift:+0;-0} % against the previous day")));
        }

        var total = (int)Math.Round(Math.Clamp(score + anomaly + (Options.PrecursorWeight * precursor), 0, 100));
        return new RiskAssessment(serverId, assessedAt, total, outlooks.Select(o => o.Forecast).ToList(), resources, health, reasons, modelVersion);
    }

    public static ResourceRisk Resource(ResourceOutlook outlook)
    {
        ArgumentNullException.ThrowIfNull(outlook);
        var f = outlook.Forecast;
        var p = outlook.ExceedanceProbability.Count == 0 ? 0 : Math.Clamp(outlook.ExceedanceProbability.Max(), 0, 1);
        TimeSpan? First(Func<ForecastPoint, double> pick)
        {
            for (var i = 0; i < f.Points.Count; i++)
            {
                if (pick(f.Points[i]) >= outlook.Threshold)
                {
                    return f.Step * (i + 1);
                }
            }

            return null;
        }

        return new ResourceRisk(f.Resource, outlook.Threshold, p, First(x => x.Value), First(x => x.Upper95), First(x => x.Lower95), outlook.TrendPerHour, 100 * p);
    }

    private static RiskReason Reason(ResourceOutlook o, ResourceRisk risk)
    {
        var c = CultureInfo.InvariantCulture;
        var name = o.Forecast.Resource switch
        {
            ResourceKind.Cpu => "CPU",
            ResourceKind.Memory => "memory",
            ResourceKind.DiskIo => "disk I/O",
            _ => "network",
        };
        var unit = o.Forecast.Unit == "percent" ? " %" : " " + o.Forecast.Unit;
        var peak = o.Forecast.Points.Select((p, i) => (p.Upper90, i)).MaxBy(x => x.Upper90);
        var minutes = (o.Forecast.Step * (peak.i + 1)).TotalMinutes;
        var trend = string.Create(c, $"trend {o.TrendPerHour:+0.0;-0.0;0.0}{unit}/h");
        if (risk.ExpectedTimeToExhaustion is { } ttx)
        {
            return new RiskReason(RiskReasonCode.ForecastCrossesThreshold, o.Forecast.Resource, string.Create(c, $"{name} forecast reaches {o.Threshold:0.#}{unit} in {ttx.TotalMinutes:0} min (p {risk.Probability:P0}); {trend}"));
        }

        return new RiskReason(RiskReasonCode.UpperBoundCrossesThreshold, o.Forecast.Resource, string.Create(c, $"{name} forecast p90 reaches {peak.Upper90:0.#}{unit} in {minutes:0} min (threshold {o.Threshold:0.#}{unit}, p {risk.Probability:P0}); {trend}"));
    }
}
