namespace PredictiveMigration.Domain.Connectors.Api;

/// <summary>One connector in <c>GET /api/connectors</c>: what it is, what it carries, and what it has left.</summary>
/// <param name="State">"warm", "active" or "draining".</param>
/// <param name="FreeMBps">Bandwidth left, sharing the capacity evenly between slots.</param>
public sealed record ConnectorView(
    string Id,
    string Region,
    string Size,
    string State,
    double CapacityMBps,
    int MaxTasks,
    IReadOnlyList<string> AssignedTasks,
    int FreeTasks,
    double FreeMBps,
    DateTimeOffset StateSince)
{
    public static ConnectorView From(Connector c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var free = c.FreeTasks;
        return new ConnectorView(
            c.Id,
            c.Region,
            c.Size,
            c.State.ToString().ToLowerInvariant(),
            c.CapacityMBps,
            c.MaxTasks,
            c.AssignedTasks,
            free,
            c.MaxTasks > 0 ? Math.Round(c.CapacityMBps * free / c.MaxTasks, 2) : 0,
            c.StateSince);
    }
}
