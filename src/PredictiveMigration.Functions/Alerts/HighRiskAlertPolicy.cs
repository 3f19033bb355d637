using System.Globalization;
using PredictiveMigration.Domain.Alerts;
using PredictiveMigration.Domain.Forecasting;
using PredictiveMigration.Functions.Dashboard;

namespace PredictiveMigration.Functions.Alerts;

/// <summary>
/// Decides which servers of a forecasting run alert: one alert when a server <em>enters</em> a risk band (or, in the
/// same band, its riskiest resource changes), never while it stays where it was. The band is
/// <see cref="HighRiskBand.High"/> from the risk threshold and <see cref="HighRiskBand.Critical"/> from
/// <see cref="Alert.CriticalRiskScore"/>; the dedup key is <c>high-risk:{server}:{resource}:{band}</c>.
/// </summary>
public static class HighRiskAlertPolicy
{
    /// <summary>The band of a score for a risk threshold.</summary>
    public static HighRiskBand BandOf(int score, int threshold) =>
        score < threshold ? HighRiskBand.None
        : score >= Math.Max(threshold, Alert.CriticalRiskScore) ? HighRiskBand.Critical
        : HighRiskBand.High;

    /// <summary>The riskiest resource (highest score, first listed on ties), as the risk store records it; null when none has any risk.</summary>
    public static ResourceRisk? TopResource(RiskAssessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        var top = assessment.Resources.OrderByDescending(r => r.Score).FirstOrDefault();
        return top is { Score: > 0 } ? top : null;
    }

    /// <summary>
    /// The alert for <paramref name="current"/>, or null when it does not call for one.
    /// </summary>
    /// <param name="current">This run's forecast of the server.</param>
    /// <param name="previous">The server's latest stored risk before this run; null when it was never assessed.</param>
    /// <param name="threshold">The risk threshold (<c>Forecasting:RiskThreshold</c>).</param>
    /// <param name="rearmAfter">A previous assessment older than this does not count (zero: it always counts).</param>
    /// <param name="link">The server's dashboard page, if known.</param>
    public static Alert? Decide(ServerForecast current, RiskSummary? previous, int threshold, TimeSpan rearmAfter, Uri? link)
    {
        ArgumentNullException.ThrowIfNull(current);
        var a = current.Assessment;
        var band = BandOf(a.Score, threshold);
        if (band == HighRiskBand.None)
        {
            return null;
        }

        var top = TopResource(a);
        if (previous is not null)
        {
            if (previous.AssessedAt >= a.AssessedAt)
            {
                // This tick (or a later one) is already stored: a re-run. Its alert was published before it was stored.
                return null;
            }

            var counts = rearmAfter <= TimeSpan.Zero || a.AssessedAt - previous.AssessedAt <= rearmAfter;
            if (counts)
            {
                var before = BandOf(previous.Score, threshold);
                if (band < before || (band == before && previous.TopResource == top?.Resource))
                {
                    return null;
                }
            }
        }

        return Build(current, band, top, threshold, link);
    }

    /// <summary>The alert itself: the reasons in the text, the resource, band and predicted exhaustion in the facts.</summary>
    public static Alert Build(ServerForecast current, HighRiskBand band, ResourceRisk? top, int threshold, Uri? link)
    {
        ArgumentNullException.ThrowIfNull(current);
        var a = current.Assessment;
        var resource = top is null ? "health" : ChartFunctions.ResourceName(top.Resource);
        var bandName = band == HighRiskBand.Critical ? "critical" : "high";
        var facts = new List<AlertFact>
        {
            new("Resource", top is null ? "none (health signals)" : Display(top.Resource)),
            new("Risk band", band == HighRiskBand.Critical
                ? string.Create(CultureInfo.InvariantCulture, $"critical (score ≥ {Math.Max(threshold, Alert.CriticalRiskScore)})")
                : string.Create(CultureInfo.InvariantCulture, $"high (score ≥ {threshold})")),
        };
        if (top is not null)
        {
            facts.Add(new("Probability of exhaustion", string.Create(CultureInfo.InvariantCulture, $"{top.Probability * 100:F0} % within the horizon")));
            facts.Add(new("Predicted exhaustion", top.ExpectedTimeToExhaustion is { } expected
                ? $"{Stamp(a.AssessedAt + expected)} (in {Duration(expected)})"
                : "not within the forecast horizon (median)"));
            if (top.EarliestTimeToExhaustion is { } earliest)
            {
                facts.Add(new("Earliest exhaustion (p95)", $"{Stamp(a.AssessedAt + earliest)} (in {Duration(earliest)})"));
            }
        }

        facts.Add(new("Forecast method", current.Method));
        var slots = Alert.MaxFacts - 4 - facts.Count;
        var n = 0;
        foreach (var reason in a.Reasons.Where(r => !string.IsNullOrWhiteSpace(r.Text)).Take(Math.Max(0, slots)))
        {
            n++;
            facts.Add(new(string.Create(CultureInfo.InvariantCulture, $"Reason {n}"), reason.Text.Length <= Alert.MaxFactValueLength ? reason.Text : reason.Text[..(Alert.MaxFactValueLength - 1)] + "…"));
        }

        return Alert.HighRisk(a, resource, bandName, facts, link);
    }

    /// <summary>A duration in operator words: <c>40 min</c>, <c>3 h 20 min</c>, <c>2 d 4 h</c>.</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.FromHours(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (int)Math.Round(span.TotalMinutes))} min");
        }

        return span < TimeSpan.FromDays(1)
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes} min")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays} d {span.Hours} h");
    }

    private static string Display(ResourceKind kind) => kind switch
    {
        ResourceKind.Cpu => "CPU",
        ResourceKind.Memory => "Memory",
        ResourceKind.DiskIo => "Disk I/O",
        _ => "Network",
    };

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
