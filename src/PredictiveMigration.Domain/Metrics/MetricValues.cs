using System.Runtime.CompilerServices;

namespace PredictiveMigration.Domain.Metrics;

/// <summary>One value per <see cref="MetricKind"/>, inline (no allocation); <see cref="double.NaN"/> means "not reported".</summary>
[InlineArray(MetricKinds.Count)]
public struct MetricValues
{
    private double _element0;

    /// <summary>A set with every kind absent.</summary>
    public static MetricValues Empty()
    {
        var values = default(MetricValues);
        ((Span<double>)values).Fill(double.NaN);
        return values;
    }
}
