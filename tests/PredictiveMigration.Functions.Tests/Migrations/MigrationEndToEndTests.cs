using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PredictiveMigration.Testing;

namespace PredictiveMigration.Functions.Tests.Migrations;

/// <summary>
/// A migration through the Functions app itself: <c>POST /api/migrations</c> on the real app, the orchestration run by
/// the development backend against the app's own orchestrator and activity routes, the sandbox cloud and traffic
/// proxy as the world it acts on, and <c>GET /api/migrations/{id}</c> as the only window on its progress.
/// </summary>
public class MigrationEndToEndTests(StorageFixture storage)
{
    [Fact(Timeout = 90_000)]
    public async Task PostMigration_RunsToCompletedThroughTheApp_TargetVmExistsAndTimelineHasTheSteps()
    {
        var ct = TestContext.Current.CancellationToken;
        var server = "web-" + Guid.NewGuid().ToString("N")[..6];
        await using var world = await MigrationAppWorld.StartAsync(storage.Require(), server, ct);

        using var post = await world.Client.PostAsync("/api/migrations", new StringContent(JsonSerializer.Serialize(new { serverId = server }), Encoding.UTF8, "application/json"), ct);
        var accepted = await post.Content.ReadAsStringAsync(ct);
        Assert.True(post.StatusCode == HttpStatusCode.Accepted, $"POST /api/migrations answered {(int)post.StatusCode}: {accepted}");
        using var acceptedJson = JsonDocument.Parse(accepted);
        var migrationId = acceptedJson.RootElement.GetProperty("migrationId").GetString()!;
        var statusUrl = acceptedJson.RootElement.GetProperty("statusUrl").GetString()!;
        Assert.Equal($"/api/migrations/{Uri.EscapeDataString(migrationId)}", statusUrl);
        Assert.Equal(statusUrl, post.Headers.Location?.OriginalString);
        Assert.False(acceptedJson.RootElement.GetProperty("queued").GetBoolean(), accepted);

        JsonElement detail = default;
        var status = "";
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(60);
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            detail = await world.Client.GetFromJsonAsync<JsonElement>(statusUrl, ct);
            status = detail.GetProperty("status").GetString()!;
            if (status is "Completed" or "RolledBack" or "Failed" or "Cancelled" or "Rejected")
            {
                break;
            }

            await Task.Delay(200, ct);
        }

        Assert.True(status == "Completed", $"{migrationId} ended {status}: {detail}");
        var target = detail.GetProperty("targets")[0];
        var targetVm = target.GetProperty("vmName").GetString()!;
        var vm = await world.Compute.GetVmAsync(world.Group, targetVm, ct);
        Assert.True(vm.IsSuccess && vm.Value is not null, $"target VM {targetVm}: {vm.Failure}");
        Assert.Equal(MigrationAppWorld.Region, vm.Value!.Region);
        Assert.Equal(target.GetProperty("size").GetString(), vm.Value.Size);

        var steps = detail.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("step").GetString()!).Distinct().ToList();
        Assert.True(steps.Count >= 4, $"timeline: {string.Join(", ", steps)}");
        Assert.Contains("Provision", steps, StringComparer.Ordinal);
        Assert.Contains("Replicate", steps, StringComparer.Ordinal);
        Assert.Contains("ShiftTraffic", steps, StringComparer.Ordinal);
        Assert.Contains("CutOver", steps, StringComparer.Ordinal);
        Assert.Equal(100, detail.GetProperty("progress").GetInt32());
        Assert.True(world.Target.Stats.Served > 0, "the target backend served no request after the traffic shift");
    }
}
