using System.Text.Json;
using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Domain.Placement;
using PredictiveMigration.Durable;
using PredictiveMigration.Durable.Storage.Client;
using PredictiveMigration.Workflows.Deciding;
using PredictiveMigration.Workflows.Migrations;

namespace PredictiveMigration.Functions.Migrations;

/// <summary>Builds a <see cref="MigrationController"/> around the Durable client of one invocation.</summary>
public sealed class MigrationControllerFactory(
    IMigrationCandidateStore candidates,
    IMigrationStore migrations,
    IServerDirectory servers,
    IPlacementCatalogSource catalog,
    PlacementPolicy placementPolicy,
    MigrationPolicy policy,
    RegionLatency latency,
    TimeProvider time)
{
    public MigrationController Create(IDurableClient client) =>
        new(candidates, migrations, servers, catalog, new DurableMigrationLauncher(client), placementPolicy, latency.Get, policy, time);
}

/// <summary>Starts <see cref="MigrationOrchestrator"/> with the migration id as instance id; a start that already happened is fine.</summary>
public sealed class DurableMigrationLauncher(IDurableClient client) : IMigrationLauncher
{
    private static readonly JsonSerializerOptions Json = new DurableTaskOptions().SerializerOptions;

    public async Task LaunchAsync(MigrationDecision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        try
        {
            await client.StartNewAsync(MigrationOrchestrator.Name, JsonSerializer.Serialize(decision, Json), decision.MigrationId, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Started by an earlier pass (the instance id is the migration id) is fine; anything else is not.
            if (await client.GetStatusAsync(decision.MigrationId, false, cancellationToken).ConfigureAwait(false) is null)
            {
                throw;
            }
        }
    }
}

/// <summary>
/// Round-trip latency between regions in milliseconds: configured pairs (<c>Migrations:Latency:{a}|{b}</c>), else 1 ms
/// within a region and a default across regions.
/// </summary>
public sealed class RegionLatency(IReadOnlyDictionary<string, double> pairs, double crossRegionMs = 40)
{
    public double Get(string from, string to)
    {
        if (string.Equals(from, to, StringComparison.OrdinalIgnoreCase))
        {
            return 1;
        }

        return pairs.TryGetValue($"{from}|{to}", out var ms) || pairs.TryGetValue($"{to}|{from}", out ms) ? ms : crossRegionMs;
    }
}
