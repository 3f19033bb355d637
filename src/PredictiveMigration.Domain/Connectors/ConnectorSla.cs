namespace PredictiveMigration.Domain.Connectors;

/// <summary>
/// The migration SLA connectors are planned against: a copy takes at most <paramref name="MaxTransferTime"/> (and must
/// end by its own deadline), and the final delta at cut-over at most <paramref name="MaxDowntime"/>.
/// </summary>
public sealed record ConnectorSla(TimeSpan MaxTransferTime, TimeSpan MaxDowntime)
{
    /// <summary>Defaults: 4 h of transfer, 5 min of downtime.</summary>
    public ConnectorSla()
        : this(TimeSpan.FromHours(4), TimeSpan.FromMinutes(5))
    {
    }
}
