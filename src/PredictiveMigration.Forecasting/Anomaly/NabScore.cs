namespace PredictiveMigration.Forecasting.Anomaly;

/// <summary>NAB-style score of detections against labelled windows: the raw sum and the bounds that normalise it to 0..100.</summary>
public sealed record NabScore(double Raw, double Null, double Perfect, int Windows, int Detected, int FalsePositives)
{
    /// <summary>100 x (raw − null) / (perfect − null): 0 = no detector, 100 = every window caught at its start, no false positive.</summary>
    public double Normalised => Perfect == Null ? 0 : 100 * (Raw - Null) / (Perfect - Null);

    public NabScore Add(NabScore other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new NabScore(Raw + other.Raw, Null + other.Null, Perfect + other.Perfect, Windows + other.Windows, Detected + other.Detected, FalsePositives + other.FalsePositives);
    }

    public static NabScore Zero { get; } = new(0, 0, 0, 0, 0, 0);
}
