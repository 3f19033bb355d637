namespace PredictiveMigration.Sandbox.Traffic;

/// <summary>
/// What a <see cref="SandboxBackend"/> does with each request: wait <paramref name="Latency"/>, then fail a
/// <paramref name="FailureRate"/> fraction of them (spread evenly and deterministically: rate 0.2 fails every fifth
/// request) the <paramref name="FailureKind"/> way, and answer the rest 200.
/// </summary>
public sealed record BackendBehaviour(TimeSpan Latency, double FailureRate = 0, BackendFailureKind FailureKind = BackendFailureKind.Status500)
{
    public const int MaxLatencyMs = 60_000;

    public static BackendBehaviour Healthy { get; } = new(TimeSpan.Zero);

    /// <summary>Throws naming the field when out of range (latency 0-60 s, failure rate 0-1).</summary>
    public void Validate()
    {
        if (Latency < TimeSpan.Zero || Latency > TimeSpan.FromMilliseconds(MaxLatencyMs))
        {
            throw new ArgumentOutOfRangeException(nameof(Latency), Latency, $"{nameof(Latency)} must be 0-{MaxLatencyMs} ms.");
        }

        if (double.IsNaN(FailureRate) || FailureRate is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(FailureRate), FailureRate, $"{nameof(FailureRate)} must be 0-1.");
        }

        if (!Enum.IsDefined(FailureKind))
        {
            throw new ArgumentOutOfRangeException(nameof(FailureKind), FailureKind, $"{nameof(FailureKind)} must be Status500 or Abort.");
        }
    }
}
