namespace PredictiveMigration.Forecasting.Series;

/// <summary>
/// One metric of one server on a regular grid, ready for the models. <see cref="Values"/> has no holes: a gap is
/// filled with the last observed value (forward fill; leading gaps take the first observed value) and marked false
/// in <see cref="Observed"/>. Models read the filled values; metrics and training targets use observed points only.
/// </summary>
public sealed class PreparedSeries
{
    public PreparedSeries(string id, string metric, DateTimeOffset start, TimeSpan step, double[] values, bool[] observed, double[]? capacity, SeriesArtefacts artefacts, bool isPercent)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(observed);
        if (values.Length != observed.Length || (capacity is not null && capacity.Length != values.Length))
        {
            throw new ArgumentException("values, observed and capacity must have the same length", nameof(observed));
        }

        Id = id;
        Metric = metric;
        Start = start;
        Step = step;
        Values = values;
        Observed = observed;
        Capacity = capacity;
        Artefacts = artefacts;
        IsPercent = isPercent;
    }

    public string Id { get; }

    public string Metric { get; }

    /// <summary>Start of the first interval (UTC).</summary>
    public DateTimeOffset Start { get; }

    public TimeSpan Step { get; }

    /// <summary>Gap-filled values (forward fill).</summary>
    public double[] Values { get; }

    /// <summary>True where at least one sample fell in the interval.</summary>
    public bool[] Observed { get; }

    /// <summary>Provisioned capacity per interval in absolute units (e.g. KB of memory, MHz of CPU), when known.</summary>
    public double[]? Capacity { get; }

    public SeriesArtefacts Artefacts { get; }

    /// <summary>True when values are a percentage of capacity (0..100): CPU and memory utilisation.</summary>
    public bool IsPercent { get; }

    public int Length => Values.Length;

    public DateTimeOffset TimeAt(int index) => Start + (Step * index);

    /// <summary>Steps per day on this grid (288 at 5 minutes).</summary>
    public int StepsPerDay => (int)(TimeSpan.FromDays(1).Ticks / Step.Ticks);
}
