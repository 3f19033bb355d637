using System.Text.Json;
using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Durable.Protobuf;
using PredictiveMigration.Sandbox.Traffic;
using PredictiveMigration.Testing;
using PredictiveMigration.Workflows.Migrations;

namespace PredictiveMigration.Workflows.Tests.Integration;

/// <summary>
/// Crash and resume with real processes: the workflow routes and the development backend run in the crash host
/// process, killed with SIGKILL as the migrations reach provisioning, replication, the traffic bake and cut-over, and
/// started again each time. The sandbox cloud, the proxy, the backends and Azurite live on in the test process.
/// </summary>
public sealed class MigrationCrashTests(StorageFixture storage)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 180_000)]
    public async Task HostKilledMidStep_AtProvisionReplicateBakeAndCutOver_EachMigrationEndsOnceWithACleanInventory()
    {
        // Arrange: two migrations that can complete and one whose target is unhealthy (it must roll back).
        await using var sandbox = await MigrationSandbox.StartAsync(storage, Ct);
        var settingsPath = Path.Combine(sandbox.Directory, "host.json");
        await File.WriteAllTextAsync(settingsPath, JsonSerializer.Serialize(sandbox.Settings, new JsonSerializerOptions(JsonSerializerDefaults.Web)), Ct);
        Migration[] migrations =
        [
            await sandbox.PrepareAsync("crash-a", Ct),
            await sandbox.PrepareAsync("crash-b", Ct),
            await sandbox.PrepareAsync("crash-c", Ct),
        ];
        migrations[2].Target.SetBehaviour(new BackendBehaviour(TimeSpan.Zero, FailureRate: 1));
        for (var i = 0; i < migrations.Length; i++)
        {
            migrations[i] = migrations[i] with { Decision = migrations[i].Decision with { BakeTime = TimeSpan.FromSeconds(2), MaxReplicationCycles = 5 } };
            await sandbox.StartAsync(migrations[i].Decision, Ct);
        }

        // Act: one life per kill point; the host dies as soon as any migration shows that step.
        var random = new Random(Environment.TickCount);
        var kills = new List<string>();
        foreach (var point in new[] { MigrationStep.Provision, MigrationStep.Replicate, MigrationStep.ShiftTraffic, MigrationStep.CutOver })
        {
            using var host = await CrashHostProcess.StartAsync("PredictiveMigration.Workflows.CrashHost.dll", [settingsPath], TimeSpan.FromSeconds(60), Ct);
            var seen = await WaitForAnyAsync(sandbox, migrations, point);
            await Task.Delay(random.Next(0, 300), Ct);
            await host.KillAsync();
            kills.Add(seen is null ? $"{point}: not seen (all past it)" : $"{point}: {seen}");
        }

        MigrationOutcome[] outcomes;
        using (var survivor = await CrashHostProcess.StartAsync("PredictiveMigration.Workflows.CrashHost.dll", [settingsPath], TimeSpan.FromSeconds(60), Ct))
        {
            outcomes = await Task.WhenAll(migrations.Select(m => sandbox.WaitAsync(m.Id, TimeSpan.FromSeconds(120), Ct)));
            await survivor.KillAsync();
        }

        // Assert
        TestContext.Current.TestOutputHelper?.WriteLine("kills: " + string.Join("; ", kills));
        Assert.Contains(kills, k => k.StartsWith(nameof(MigrationStep.Provision), StringComparison.Ordinal) && !k.Contains("not seen", StringComparison.Ordinal));
        for (var i = 0; i < migrations.Length; i++)
        {
            var expected = i < 2 ? MigrationStatus.Completed : MigrationStatus.RolledBack;
            Assert.True(outcomes[i].Status == expected, $"{migrations[i].Id}: {outcomes[i].Status} {outcomes[i].Reason}");
            Assert.Empty(await sandbox.AuditAsync(migrations[i], expected, Ct));

            // Exactly once in the history: one start, one end, every task scheduled once and completed once.
            HistoryEvent[] events = [.. (await sandbox.Client.GetHistoryAsync(migrations[i].Id, Ct)).SelectMany(e => e.Events)];
            Assert.Single(events, e => e.ExecutionStarted is not null);
            Assert.Single(events, e => e.ExecutionCompleted is not null);
            var scheduled = events.Where(e => e.TaskScheduled is not null).Select(e => e.EventId).ToList();
            Assert.Equal(scheduled.Count, scheduled.Distinct().Count());
            Assert.Equal(scheduled.Order(), events.Where(e => e.TaskCompleted is not null).Select(e => e.TaskCompleted.TaskScheduledId).Order());
        }

        Assert.Equal([MigrationActivities.RestoreTraffic, MigrationActivities.StopReplication, MigrationActivities.DeleteTarget, MigrationActivities.ReleaseCapacity], outcomes[2].Compensations);
    }

    /// <summary>Polls until a migration's custom status shows <paramref name="step"/>; null when every one is already past it.</summary>
    private static async Task<string?> WaitForAnyAsync(MigrationSandbox sandbox, Migration[] migrations, MigrationStep step)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(60);
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            var past = 0;
            foreach (var m in migrations)
            {
                var status = await sandbox.Client.GetStatusAsync(m.Id, includeInputsAndOutputs: true, Ct);
                if (status?.SerializedCustomStatus is not { Length: > 0 } json || JsonSerializer.Deserialize<MigrationStatusView>(json, MigrationSandbox.Json) is not { } view)
                {
                    continue;
                }

                if (view.Step == step)
                {
                    return $"{m.Id} in {view.Step} ({view.Detail})";
                }

                past += status.IsCompleted || view.Step > step ? 1 : 0;
            }

            if (past == migrations.Length)
            {
                return null;
            }

            await Task.Delay(25, Ct);
        }

        throw new TimeoutException($"no migration reached {step} within 60 s");
    }
}
