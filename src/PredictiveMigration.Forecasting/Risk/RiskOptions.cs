namespace PredictiveMigration.Forecasting.Risk;

/// <summary>Weights of the 0-100 risk score (rule in docs/forecasting.md). Defaults are policy, not fitted.</summary>
public sealed record RiskOptions
{
    /// <summary>Most points a strong anomaly (score 1) adds; anomaly scores under <see cref="AnomalyFloor"/> add nothing.</summary>
    public double AnomalyWeight { get; init; } = 20;

    /// <summary>Anomaly scores are ranks in the recent history; below 0.9 is ordinary variation.</summary>
    public double AnomalyFloor { get; init; } = 0.9;

    /// <summary>Most points failure precursors (error rate, latency drift) add.</summary>
    public double PrecursorWeight { get; init; } = 15;

    /// <summary>Error rate ratio (recent / usual) at which the precursor starts to count.</summary>
    public double ErrorRatioFloor { get; init; } = 1.5;

    /// <summary>Latency drift in percent at which the precursor starts to count.</summary>
    public double LatencyDriftFloor { get; init; } = 20;

    /// <summary>Probability from which a resource's crossing is mentioned in the reasons.</summary>
    public double ReasonProbability { get; init; } = 0.1;
}
