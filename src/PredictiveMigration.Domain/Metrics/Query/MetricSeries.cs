namespace PredictiveMigration.Domain.Metrics.Query;

/// <summary>One metric of one server on a regular grid; every interval is present, gaps are marked.</summary>
public sealed record MetricSeries(string ServerId, MetricKind Kind, TimeSpan Resolution, IReadOnlyList<SeriesPoint> Points)
{
    public int GapCount => Points.Count(p => p.IsGap);
}
