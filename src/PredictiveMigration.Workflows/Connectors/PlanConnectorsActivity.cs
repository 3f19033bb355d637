using PredictiveMigration.Domain.Cloud;
using PredictiveMigration.Domain.Connectors;
using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Durable;
using PredictiveMigration.Workflows.Deciding;

namespace PredictiveMigration.Workflows.Connectors;

/// <summary>
/// One planning round, read-only: the connectors from the store, the transfer-rate model learned from recent
/// observations, the migration load (<see cref="ConnectorLoad"/>; each item's bytes are the source disk's size when
/// known, else <see cref="ConnectorWorkflowOptions.DefaultDataBytes"/>), the regional vCPU quotas, then
/// <see cref="MigrationLoadForecaster.Forecast"/> and <see cref="ConnectorCapacityPlanner.Plan"/> at the orchestration's
/// time. A quota that cannot be read leaves that region unchecked (a warning), not the round failed.
/// </summary>
public sealed class PlanConnectorsActivity(
    IConnectorStore connectors,
    IMigrationStore migrations,
    IMigrationCandidateStore candidates,
    IServerDirectory servers,
    ICloudInventory inventory,
    ConnectorPlacement placement,
    ConnectorPlanOptions planOptions,
    ConnectorWorkflowOptions options) : TaskActivity<PlanConnectorsInput, ConnectorRound>
{
    public override async Task<ConnectorRound> RunAsync(TaskActivityContext context, PlanConnectorsInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = input.Now;
        var warnings = new List<string>();
        var fleet = await connectors.ListConnectorsAsync(cancellationToken).ConfigureAwait(false);
        var history = await connectors.ListObservationsAsync(now - options.ObservationWindow, cancellationToken).ConfigureAwait(false);
        var model = TransferRateModel.Learn(history, options.Rates);

        var items = new List<MigrationLoadItem>();
        var records = await migrations.ListAsync(activeOnly: true, cancellationToken).ConfigureAwait(false);
        foreach (var record in records.Where(ConnectorLoad.Carries).OrderBy(r => r.MigrationId, StringComparer.Ordinal))
        {
            items.Add(ConnectorLoad.FromMigration(record, ConnectorLoad.DataBytes(record.Decision.Source, options.DefaultDataBytes), now));
        }

        var moving = records.Select(r => r.ServerId).ToHashSet(StringComparer.Ordinal);
        var open = await candidates.ListOpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var candidate in open.Where(c => c.RiskScore >= options.MinCandidateRisk && !moving.Contains(c.ServerId)).OrderBy(c => c.ServerId, StringComparer.Ordinal))
        {
            var server = await servers.GetAsync(candidate.ServerId, cancellationToken).ConfigureAwait(false);
            if (server is null)
            {
                warnings.Add($"candidate {candidate.ServerId}: unknown server, not forecast");
                continue;
            }

            items.Add(ConnectorLoad.FromCandidate(candidate, server.Source.Region, ConnectorLoad.DataBytes(server.Source, options.DefaultDataBytes), now));
        }

        var forecast = new MigrationLoadForecaster(model, placement, options.Forecast).Forecast(now, items);
        var regions = forecast.Regions.Select(r => r.Region).Concat(fleet.Select(c => c.Region))
            .Select(r => r.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal);
        var quotas = new Dictionary<string, RegionQuota>(StringComparer.OrdinalIgnoreCase);
        foreach (var region in regions)
        {
            var quota = await inventory.GetCoreQuotaAsync(region, cancellationToken).ConfigureAwait(false);
            if (quota.IsSuccess)
            {
                quotas[region] = quota.Value!;
            }
            else
            {
                warnings.Add($"quota of {region} unknown ({quota.Failure}): not checked this round");
            }
        }

        var plan = new ConnectorCapacityPlanner(planOptions).Plan(now, new ConnectorFleetState(fleet, quotas), forecast);
        return new ConnectorRound(plan, planOptions.PlanInterval, items.Count, history.Count, warnings);
    }
}
