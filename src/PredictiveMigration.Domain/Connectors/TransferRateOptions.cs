namespace PredictiveMigration.Domain.Connectors;

/// <summary>How the transfer-rate model learns. Defaults in brackets.</summary>
public sealed record TransferRateOptions
{
    /// <summary>Upper edges of the size bands in bytes [10 GB, 100 GB, 1 TB]: four bands, the last open-ended.</summary>
    public IReadOnlyList<long> SizeBandEdges { get; init; } = [10_000_000_000, 100_000_000_000, 1_000_000_000_000];

    /// <summary>
    /// Pseudo-observations of the parent level a cell is shrunk towards [5]: a cell with n samples weighs
    /// n/(n+5) of its own estimate, so 5 samples count half.
    /// </summary>
    public double PriorStrength { get; init; } = 5;

    /// <summary>The pessimistic quantile of the rate [0.1]: upper-bound durations use it.</summary>
    public double LowQuantile { get; init; } = 0.1;

    /// <summary>The optimistic quantile [0.9]: lower-bound durations use it.</summary>
    public double HighQuantile { get; init; } = 0.9;

    /// <summary>The rate assumed with no history at all, MB/s [50].</summary>
    public double DefaultRateMBps { get; init; } = 50;

    /// <summary>With no history, the low and high quantiles are the default rate times these [0.5, 1.5].</summary>
    public double DefaultLowFactor { get; init; } = 0.5;

    public double DefaultHighFactor { get; init; } = 1.5;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the setting.</summary>
    public void Validate()
    {
        Check(SizeBandEdges.All(e => e > 0) && SizeBandEdges.Zip(SizeBandEdges.Skip(1)).All(p => p.First < p.Second), nameof(SizeBandEdges), "must be positive and increasing");
        Check(PriorStrength > 0, nameof(PriorStrength), "must be positive");
        Check(LowQuantile is > 0 and < 0.5, nameof(LowQuantile), "must be in (0, 0.5)");
        Check(HighQuantile is > 0.5 and < 1, nameof(HighQuantile), "must be in (0.5, 1)");
        Check(DefaultRateMBps > 0, nameof(DefaultRateMBps), "must be positive");
        Check(DefaultLowFactor is > 0 and <= 1, nameof(DefaultLowFactor), "must be in (0, 1]");
        Check(DefaultHighFactor >= 1, nameof(DefaultHighFactor), "must be at least 1");
    }

    private static void Check(bool ok, string setting, string message)
    {
        if (!ok)
        {
            throw new ArgumentException($"Connectors:Rates:{setting} {message}.", setting);
        }
    }
}
