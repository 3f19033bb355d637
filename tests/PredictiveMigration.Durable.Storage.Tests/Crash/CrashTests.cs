using System.Globalization;
using Azure.Data.Tables;
using PredictiveMigration.Durable.CrashHost;
using PredictiveMigration.Durable.Protobuf;
using PredictiveMigration.Durable.Storage.Backend;
using PredictiveMigration.Durable.Storage.Client;
using PredictiveMigration.Testing;

namespace PredictiveMigration.Durable.Storage.Tests.Crash;

/// <summary>
/// Crash-and-resume with real processes: the backend and the routes run in a child process that is killed with SIGKILL
/// at random moments while orchestrations run, and started again each time.
/// </summary>
public class CrashTests(StorageFixture storage)
{
    private const int Kills = 10;
    private const int InstancesPerLife = 4;
    private const int Steps = 6;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 150_000)]
    public async Task Backend_KilledTenTimesMidBatch_EveryInstanceCompletesOnceAndEachEffectHappensOnceThoughActivitiesMayRerun()
    {
        // Arrange
        string connection = storage.Require();
        string hub = UniqueNames.Table("crash");
        string effectsTable = UniqueNames.Table("effects");
        var client = new DevelopmentDurableClient(new DurableBackendOptions { ConnectionString = connection, TaskHubName = hub, PollInterval = TimeSpan.FromMilliseconds(200) });
        int seed = Environment.TickCount;
        var random = new Random(seed);
        var ids = new List<string>();

        // Act: every life of the host gets a fresh wave of instances, so each kill lands while work is in flight.
        for (int life = 0; life < Kills; life++)
        {
            await StartWaveAsync(client, ids, life);
            using CrashHostProcess host = await CrashHostProcess.StartAsync("PredictiveMigration.Durable.CrashHost.dll", [connection, hub, effectsTable], TimeSpan.FromSeconds(30), Ct);
            await Task.Delay(random.Next(1000, 3000), Ct);
            await host.KillAsync();
            int done = 0;
            foreach (string id in ids)
            {
                done += (await client.GetStatusAsync(id, false, Ct))?.IsCompleted == true ? 1 : 0;
            }

            Output($"kill {life + 1}: {done} of {ids.Count} instances finished");
            if (host.Output.Split('\n').Where(l => !l.StartsWith("READY", StringComparison.Ordinal)).ToList() is { Count: > 0 } lines)
            {
                Output(string.Join('\n', lines));
            }
        }

        await StartWaveAsync(client, ids, Kills);
        OrchestrationMetadata[] results;
        using (CrashHostProcess survivor = await CrashHostProcess.StartAsync("PredictiveMigration.Durable.CrashHost.dll", [connection, hub, effectsTable], TimeSpan.FromSeconds(30), Ct))
        {
            results = await Task.WhenAll(ids.Select(id => client.WaitForCompletionAsync(id, TimeSpan.FromSeconds(90), Ct)));
            await survivor.KillAsync();
        }

        // Assert
        int activities = CrashWorkload.ActivitiesPerInstance(Steps);
        var effects = new TableClient(connection, effectsTable);
        int attempts = 0;
        foreach ((string id, OrchestrationMetadata result) in ids.Zip(results))
        {
            Assert.True(result.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{id}: {result.RuntimeStatus} {result.FailureDetails} (seed {seed})");
            Assert.Equal(CrashWorkload.ExpectedOutput(Steps).ToString(CultureInfo.InvariantCulture), result.SerializedOutput);

            HistoryEvent[] events = [.. (await client.GetHistoryAsync(id, Ct)).SelectMany(e => e.Events)];
            Assert.Single(events, e => e.ExecutionStarted is not null);
            Assert.Single(events, e => e.ExecutionCompleted is not null);
            Assert.Equal(Enumerable.Range(0, activities), events.Where(e => e.TaskScheduled is not null).Select(e => e.EventId).Order());
            Assert.Equal(Enumerable.Range(0, activities), events.Where(e => e.TaskCompleted is not null).Select(e => e.TaskCompleted.TaskScheduledId).Order());

            var rows = new List<string>();
            await foreach (TableEntity row in effects.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id}"), cancellationToken: Ct))
            {
                rows.Add(row.RowKey);
            }

            string[] effectRows = [.. rows.Where(r => r.StartsWith(CrashWorkload.EffectPrefix, StringComparison.Ordinal))];
            Assert.Equal(activities, effectRows.Length);
            Assert.Equal(activities, effectRows.Distinct().Count());
            int instanceAttempts = rows.Count(r => r.StartsWith(CrashWorkload.AttemptPrefix, StringComparison.Ordinal));
            Assert.True(instanceAttempts >= activities, $"{id}: {instanceAttempts} attempts for {activities} activities");
            attempts += instanceAttempts;
        }

        Output(
            $"{Kills} kills, {ids.Count} instances, {ids.Count * activities} activity effects applied once each; {attempts - (ids.Count * activities)} activity re-runs found their effect already done (seed {seed}).");
    }

    private static void Output(string message) => TestContext.Current.TestOutputHelper?.WriteLine(message);

    private static async Task StartWaveAsync(DevelopmentDurableClient client, List<string> ids, int life)
    {
        for (int i = 0; i < InstancesPerLife; i++)
        {
            string id = string.Create(CultureInfo.InvariantCulture, $"crash-{life:D2}-{i}");
            await client.StartNewAsync(CrashWorkload.Orchestrator, Steps.ToString(CultureInfo.InvariantCulture), id, Ct);
            ids.Add(id);
        }
    }
}
