using PredictiveMigration.Domain.Cloud;

namespace PredictiveMigration.Domain.Connectors;

/// <summary>
/// The connectors as they are now, and the regional vCPU quotas (optional: a region without an entry is not checked).
/// A quota's <see cref="RegionQuota.CoresUsed"/> includes the connectors' own cores, as the cloud reports it.
/// </summary>
public sealed record ConnectorFleetState(IReadOnlyList<Connector> Connectors, IReadOnlyDictionary<string, RegionQuota>? Quotas = null)
{
    public IEnumerable<Connector> InRegion(string region) =>
        Connectors.Where(c => string.Equals(c.Region, region, StringComparison.OrdinalIgnoreCase));

    public RegionQuota? QuotaOf(string region) =>
        Quotas is null ? null : Quotas.FirstOrDefault(q => string.Equals(q.Key, region, StringComparison.OrdinalIgnoreCase)).Value;
}
