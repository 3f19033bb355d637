using PredictiveMigration.Domain.Metrics.Rollups;

namespace PredictiveMigration.Domain.Metrics.Query;

/// <summary>One interval of a series. <see cref="IsGap"/> is true when no sample of this metric fell in it.</summary>
public readonly record struct SeriesPoint(DateTimeOffset Start, MetricStats Stats)
{
    public bool IsGap => Stats.Count == 0;
}
