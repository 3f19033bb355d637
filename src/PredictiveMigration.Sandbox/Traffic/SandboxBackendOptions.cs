namespace PredictiveMigration.Sandbox.Traffic;

/// <summary>Settings of a <see cref="SandboxBackend"/>.</summary>
public sealed class SandboxBackendOptions
{
    /// <summary>The workload's name, echoed in the <c>X-Backend</c> header and the body. Required.</summary>
    public required string Name { get; init; }

    /// <summary>TCP port on 127.0.0.1. Default 0: any free port.</summary>
    public int Port { get; init; }

    /// <summary>Initial behaviour. Default: healthy, no added latency.</summary>
    public BackendBehaviour Behaviour { get; init; } = BackendBehaviour.Healthy;

    /// <summary>How long a drain waits for requests in flight before cutting them off. Default 30 s.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new ArgumentException($"{nameof(Name)} is required.", nameof(Name));
        }

        if (Port is < 0 or > 65535)
        {
            throw new ArgumentException($"{nameof(Port)} must be 0-65535 (0 = any free port); got {Port}.", nameof(Port));
        }

        if (DrainTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(DrainTimeout)} must be positive; got {DrainTimeout}.", nameof(DrainTimeout));
        }

        ArgumentNullException.ThrowIfNull(Behaviour, nameof(Behaviour));
        Behaviour.Validate();
    }
}
