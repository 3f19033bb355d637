using PredictiveMigration.Domain.Cloud;
using PredictiveMigration.Sandbox.Cloud;

namespace PredictiveMigration.Sandbox.Fleet;

/// <summary>Settings of the simulated fleet; every default is documented in docs/sandbox.md.</summary>
public sealed class FleetOptions
{
    /// <summary>Servers in the fleet. Default 50 (1 to 10,000).</summary>
    public int ServerCount { get; set; } = 50;

    /// <summary>Seed of every random choice: the same seed gives the same fleet and the same samples. Default 42.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Simulated time of the first sample. Default 2026-01-05T00:00:00Z (a Monday).</summary>
    public DateTimeOffset Start { get; set; } = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Simulated time between two samples of an agent. Default 1 minute.</summary>
    public TimeSpan SamplingInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Simulated time between two sends of an agent (its batch holds the samples since). Default 5 minutes.</summary>
    public TimeSpan SendInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The workload mix of a synthetic fleet.</summary>
    public WorkloadMix Mix { get; set; } = new();

    /// <summary>CPU percent at or above which a sample counts towards exhaustion. Default 90.</summary>
    public double CpuThresholdPercent { get; set; } = 90;

    /// <summary>Memory percent at or above which a sample counts towards exhaustion. Default 95.</summary>
    public double MemoryThresholdPercent { get; set; } = 95;

    /// <summary>Consecutive samples at or above a threshold that make one exhaustion event. Default 3.</summary>
    public int ExhaustionSamples { get; set; } = 3;

    /// <summary>How long a failed server stays down before it restarts (simulated). Default 30 minutes.</summary>
    public TimeSpan RecoveryTime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Prefix of server ids: <c>{prefix}-001</c>. Default <c>srv</c>.</summary>
    public string ServerIdPrefix { get; set; } = "srv";

    /// <summary>The resource group of the fleet's VMs in the (sandbox) cloud. Default <c>pm-fleet</c>.</summary>
    public string ResourceGroup { get; set; } = "pm-fleet";

    /// <summary>The region of the fleet's VMs. Default <c>westeurope</c>.</summary>
    public string Region { get; set; } = "westeurope";

    /// <summary>The VM sizes servers start on, drawn with the seed. Default D2s_v3, D4s_v3, E4s_v3, D8s_v3.</summary>
    public List<string> InitialSizes { get; set; } = ["Standard_D2s_v3", "Standard_D4s_v3", "Standard_E4s_v3", "Standard_D8s_v3"];

    /// <summary>The size catalogue (cores and memory per size). Default: the sandbox cloud's catalogue.</summary>
    public IReadOnlyList<SizeInfo> Sizes { get; set; } = [.. CloudCatalog.Default().Sizes.Select(s => new SizeInfo(s.Name, s.Cores, s.MemoryGb))];

    /// <summary>The agent version the simulated agents report. Default <c>sim-1.0</c>.</summary>
    public string AgentVersion { get; set; } = "sim-1.0";

    /// <summary>Checks every setting; the message names the first bad one.</summary>
    public void Validate()
    {
        if (ServerCount is < 1 or > 10_000)
        {
            throw new InvalidOperationException($"Fleet:ServerCount must be 1 to 10000 (was {ServerCount}).");
        }

        if (SamplingInterval < TimeSpan.FromSeconds(1) || SamplingInterval > TimeSpan.FromHours(1))
        {
            throw new InvalidOperationException($"Fleet:SamplingInterval must be 1 s to 1 h (was {SamplingInterval}).");
        }

        if (SendInterval < SamplingInterval || SendInterval > TimeSpan.FromDays(1))
        {
            throw new InvalidOperationException($"Fleet:SendInterval must be from SamplingInterval to 1 day (was {SendInterval}).");
        }

        if (CpuThresholdPercent is <= 0 or > 100 || MemoryThresholdPercent is <= 0 or > 100)
        {
            throw new InvalidOperationException("Fleet:CpuThresholdPercent and Fleet:MemoryThresholdPercent must be above 0 and at most 100.");
        }

        if (ExhaustionSamples is < 1 or > 1000)
        {
            throw new InvalidOperationException($"Fleet:ExhaustionSamples must be 1 to 1000 (was {ExhaustionSamples}).");
        }

        if (RecoveryTime < TimeSpan.Zero || RecoveryTime > TimeSpan.FromDays(7))
        {
            throw new InvalidOperationException($"Fleet:RecoveryTime must be 0 to 7 days (was {RecoveryTime}).");
        }

        if (string.IsNullOrWhiteSpace(ServerIdPrefix) || !char.IsAsciiLetterOrDigit(ServerIdPrefix[0]) || !ServerIdPrefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new InvalidOperationException($"Fleet:ServerIdPrefix must start with a letter or digit and hold only letters, digits, '-', '_' or '.' (was '{ServerIdPrefix}').");
        }

        var unknown = InitialSizes.FirstOrDefault(s => Size(s) is null);
        if (InitialSizes.Count == 0 || unknown is not null)
        {
            throw new InvalidOperationException($"Fleet:InitialSizes must name one or more sizes of the catalogue (unknown: '{unknown}').");
        }

        Mix.Validate();
    }

    /// <summary>The catalogue entry of a size, or null.</summary>
    public SizeInfo? Size(string name) => Sizes.FirstOrDefault(s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}
