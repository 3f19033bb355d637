using System.Runtime.CompilerServices;

namespace PredictiveMigration.Domain.Metrics.Rollups;

/// <summary>One <see cref="MetricStats"/> per <see cref="MetricKind"/>, inline.</summary>
[InlineArray(MetricKinds.Count)]
public struct MetricStatsSet
{
    private MetricStats _element0;
}
