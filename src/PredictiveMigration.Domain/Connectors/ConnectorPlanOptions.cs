namespace PredictiveMigration.Domain.Connectors;

/// <summary>How connector capacity is planned. Defaults in brackets.</summary>
public sealed record ConnectorPlanOptions
{
    /// <summary>The warm size: minimal allocation, no task [Standard_D2s_v3: 2 cores, 8 GB].</summary>
    public ConnectorSize WarmSize { get; init; } = new("Standard_D2s_v3", 2, 8, 0, 0);

    /// <summary>The active size [Standard_D4s_v3: 4 cores, 16 GB, 400 MB/s, 4 tasks].</summary>
    public ConnectorSize ActiveSize { get; init; } = new("Standard_D4s_v3", 4, 16, 400, 4);

    /// <summary>Bandwidth headroom over the forecast upper bound [0.2]. Task counts are whole and already an upper bound.</summary>
    public double Headroom { get; init; } = 0.2;

    /// <summary>Creating a connector VM takes this long [15 min].</summary>
    public TimeSpan ProvisionLeadTime { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Resizing a warm connector to the active size takes this long [5 min].</summary>
    public TimeSpan ActivationLeadTime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the planner runs [5 min]: added to lead times, so a need just after the next run is still met.</summary>
    public TimeSpan PlanInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Active connectors are scaled down only when the need stays below them over this look-ahead [1 h].</summary>
    public TimeSpan ScaleDownLookahead { get; init; } = TimeSpan.FromHours(1);

    /// <summary>A connector stays at least this long in a state before it is scaled down or drained [15 min].</summary>
    public TimeSpan MinStateTime { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Warm connectors beyond the warm pool are decommissioned after this long idle [30 min].</summary>
    public TimeSpan WarmRetention { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Warm connectors each region with connectors keeps anyway [0].</summary>
    public int MinWarmPerRegion { get; init; }

    /// <summary>The most connectors (any state) a region may have [20].</summary>
    public int MaxConnectorsPerRegion { get; init; } = 20;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the setting.</summary>
    public void Validate()
    {
        Check(WarmSize.Cores >= 1 && !string.IsNullOrWhiteSpace(WarmSize.Name), nameof(WarmSize), "needs a name and at least 1 core");
        Check(ActiveSize.Cores >= WarmSize.Cores && ActiveSize.MaxTasks >= 1 && ActiveSize.BandwidthMBps > 0 && !string.IsNullOrWhiteSpace(ActiveSize.Name), nameof(ActiveSize), "needs a name, at least the warm size's cores, 1 task and positive bandwidth");
        Check(Headroom is >= 0 and <= 4, nameof(Headroom), "must be between 0 and 4");
        Check(ProvisionLeadTime >= TimeSpan.Zero, nameof(ProvisionLeadTime), "must not be negative");
        Check(ActivationLeadTime >= TimeSpan.Zero, nameof(ActivationLeadTime), "must not be negative");
        Check(PlanInterval > TimeSpan.Zero, nameof(PlanInterval), "must be positive");
        Check(ScaleDownLookahead >= TimeSpan.Zero, nameof(ScaleDownLookahead), "must not be negative");
        Check(MinStateTime >= TimeSpan.Zero, nameof(MinStateTime), "must not be negative");
        Check(WarmRetention >= TimeSpan.Zero, nameof(WarmRetention), "must not be negative");
        Check(MinWarmPerRegion >= 0, nameof(MinWarmPerRegion), "must not be negative");
        Check(MaxConnectorsPerRegion >= 1 && MaxConnectorsPerRegion <= 99, nameof(MaxConnectorsPerRegion), "must be 1-99");
    }

    /// <summary>Connectors needed for one bucket: enough task slots, and enough bandwidth with headroom.</summary>
    public int Needed(LoadBucket bucket)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        var forTasks = (int)Math.Ceiling((double)bucket.UpperTasks / ActiveSize.MaxTasks);
        var forBandwidth = (int)Math.Ceiling(Math.Round(bucket.UpperMBps * (1 + Headroom) / ActiveSize.BandwidthMBps, 9));
        return Math.Max(forTasks, forBandwidth);
    }

    private static void Check(bool ok, string setting, string message)
    {
        if (!ok)
        {
            throw new ArgumentException($"Connectors:Plan:{setting} {message}.", setting);
        }
    }
}
