using System.Globalization;

namespace PredictiveMigration.Domain.Connectors;

/// <summary>
/// Bottlenecks of individual migrations, from the forecast alone: no connector region in reach, a window the median rate
/// cannot fit (impossible), a window the pessimistic rate cannot fit (at risk), a final delta longer than the downtime
/// SLA. Region bottlenecks (quota, connector limit, lead time) come from <see cref="ConnectorCapacityPlanner"/>.
/// </summary>
public static class BottleneckDetector
{
    public static IReadOnlyList<Bottleneck> Migrations(MigrationLoadForecast forecast)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        var found = new List<Bottleneck>();
        foreach (var m in forecast.Migrations)
        {
            found.AddRange(Of(m, forecast.Sla));
        }

        return found;
    }

    /// <summary>The bottlenecks of one migration (empty when it fits).</summary>
    public static IEnumerable<Bottleneck> Of(MigrationEstimate m, ConnectorSla sla)
    {
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(sla);
        var region = m.ConnectorRegion ?? m.SourceRegion;
        if (m.ConnectorRegion is null)
        {
            yield return new Bottleneck(BottleneckKind.NoConnectorRegion, m.SourceRegion, m.MigrationId, m.Start, $"no connector region within the latency limit of {m.SourceRegion}");
        }

        if (m.ExpectedDuration > m.Window)
        {
            yield return new Bottleneck(BottleneckKind.DeadlineImpossible, region, m.MigrationId, m.Start, string.Create(CultureInfo.InvariantCulture,
                $"{m.DataBytes / 1e9:0.#} GB at the median {m.Rate.MedianMBps:0.#} MB/s takes {Format(m.ExpectedDuration)}; the window is {Format(m.Window)} (needs {m.RequiredMBps:0.#} MB/s)"));
        }
        else if (m.UpperDuration > m.Window)
        {
            yield return new Bottleneck(BottleneckKind.DeadlineAtRisk, region, m.MigrationId, m.Start, string.Create(CultureInfo.InvariantCulture,
                $"{m.DataBytes / 1e9:0.#} GB at the pessimistic {m.Rate.LowMBps:0.#} MB/s takes up to {Format(m.UpperDuration)}; the window is {Format(m.Window)}"));
        }

        if (m.ExpectedDowntime > sla.MaxDowntime)
        {
            yield return new Bottleneck(BottleneckKind.DowntimeAtRisk, region, m.MigrationId, m.Start, string.Create(CultureInfo.InvariantCulture,
                $"the final delta takes up to {Format(m.ExpectedDowntime)} at {m.Rate.LowMBps:0.#} MB/s; the downtime SLA is {Format(sla.MaxDowntime)}"));
        }
    }

    internal static string Format(TimeSpan t) =>
        t.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours} h {t.Minutes:D2} min")
        : t.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalMinutes} min {t.Seconds:D2} s")
        : string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0} s");
}
