namespace PredictiveMigration.Sandbox.Traffic;

/// <summary>Settings of <see cref="SandboxTrafficProxy"/>; every default is documented and checked by <see cref="Validate"/>.</summary>
public sealed class SandboxTrafficProxyOptions
{
    /// <summary>TCP port on 127.0.0.1. Default 0: any free port, reported by <see cref="SandboxTrafficProxy.Endpoint"/>.</summary>
    public int Port { get; init; }

    /// <summary>
    /// How long the proxy waits on a destination without activity before answering 504 and counting a timeout
    /// failure. Default 30 s.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether an idempotent request without a body (GET, HEAD, OPTIONS, DELETE, TRACE) that could not reach its
    /// destination (connection refused or closed before any response) is sent again to another destination of positive
    /// weight. The failed attempt is still counted against its destination, and the retry is counted. Default true.
    /// </summary>
    public bool RetryOnConnectionFailure { get; init; } = true;

    /// <summary>Most recent requests kept per endpoint for windowed health (older ones are dropped). Default 65 536.</summary>
    public int HealthSampleCapacity { get; init; } = 65_536;

    /// <summary>Longest window the health API accepts. Default 10 minutes.</summary>
    public TimeSpan MaxHealthWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Fails fast with a message naming the setting at fault.</summary>
    public void Validate()
    {
        if (Port is < 0 or > 65535)
        {
            throw new ArgumentException($"{nameof(Port)} must be 0-65535 (0 = any free port); got {Port}.", nameof(Port));
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(RequestTimeout)} must be positive; got {RequestTimeout}.", nameof(RequestTimeout));
        }

        if (HealthSampleCapacity is < 16 or > 4_194_304)
        {
            throw new ArgumentException($"{nameof(HealthSampleCapacity)} must be 16-4194304; got {HealthSampleCapacity}.", nameof(HealthSampleCapacity));
        }

        if (MaxHealthWindow <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(MaxHealthWindow)} must be positive; got {MaxHealthWindow}.", nameof(MaxHealthWindow));
        }
    }
}
