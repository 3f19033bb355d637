namespace PredictiveMigration.Domain.Connectors;

/// <summary>
/// A connector: a replication worker VM that carries migrations' data. Its <see cref="Id"/> is also its VM name, so
/// every retry addresses the same VM.
/// </summary>
/// <param name="Id">Deterministic id and VM name (see <see cref="ConnectorNames"/>).</param>
/// <param name="Region">Where it runs.</param>
/// <param name="Size">The VM size it runs at now.</param>
/// <param name="State">Warm, active or draining.</param>
/// <param name="CapacityMBps">Bandwidth it carries in this state (0 when warm).</param>
/// <param name="MaxTasks">Concurrent tasks it carries in this state (0 when warm).</param>
/// <param name="AssignedTasks">Migration ids it carries now.</param>
/// <param name="StateSince">When it entered <paramref name="State"/> (hysteresis counts from here).</param>
public sealed record Connector(
    string Id,
    string Region,
    string Size,
    ConnectorState State,
    double CapacityMBps,
    int MaxTasks,
    IReadOnlyList<string> AssignedTasks,
    DateTimeOffset StateSince)
{
    /// <summary>Whether it carries at least one task (such a connector is never scaled down or removed).</summary>
    public bool IsBusy => AssignedTasks.Count > 0;

    /// <summary>Task slots still free (0 unless active).</summary>
    public int FreeTasks => State == ConnectorState.Active ? Math.Max(0, MaxTasks - AssignedTasks.Count) : 0;

    /// <summary>Used slots over slots; 1 when it has none.</summary>
    public double Load => MaxTasks <= 0 ? 1 : (double)AssignedTasks.Count / MaxTasks;
}
