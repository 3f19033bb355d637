namespace PredictiveMigration.Domain.Connectors.Api;

/// <summary><c>GET /api/connectors</c>: every connector and a summary per region.</summary>
public sealed record ConnectorListResponse(DateTimeOffset At, IReadOnlyList<ConnectorView> Connectors, IReadOnlyList<RegionSummary> Regions)
{
    public static ConnectorListResponse From(DateTimeOffset at, IEnumerable<Connector> connectors)
    {
        ArgumentNullException.ThrowIfNull(connectors);
        var views = connectors.OrderBy(c => c.Region, StringComparer.Ordinal).ThenBy(c => c.Id, StringComparer.Ordinal).Select(ConnectorView.From).ToList();
        var regions = views
            .GroupBy(v => v.Region, StringComparer.Ordinal)
            .Select(g => new RegionSummary(
                g.Key,
                g.Count(v => v.State == "active"),
                g.Count(v => v.State == "warm"),
                g.Count(v => v.State == "draining"),
                g.Sum(v => v.FreeTasks),
                g.Where(v => v.State == "active").Sum(v => v.CapacityMBps),
                g.Sum(v => v.FreeMBps)))
            .ToList();
        return new ConnectorListResponse(at, views, regions);
    }
}
