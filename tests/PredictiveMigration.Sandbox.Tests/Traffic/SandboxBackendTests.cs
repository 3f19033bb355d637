using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PredictiveMigration.Sandbox.Traffic;

namespace PredictiveMigration.Sandbox.Tests.Traffic;

/// <summary>The sandbox workload: latency, failures on demand, draining, and its admin endpoints.</summary>
public sealed class SandboxBackendTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<SandboxBackend> StartAsync(BackendBehaviour behaviour) =>
        await SandboxBackend.StartAsync(new SandboxBackendOptions { Name = "b", Behaviour = behaviour }, TimeProvider.System, Ct);

    [Fact(Timeout = 30_000)]
    public async Task FailureRate_FailsExactlyThatFractionSpreadEvenly()
    {
        await using var backend = await StartAsync(new BackendBehaviour(TimeSpan.Zero, FailureRate: 0.25));
        using var client = new HttpClient { BaseAddress = backend.Endpoint };

        var statuses = new List<int>();
        for (var i = 0; i < 20; i++)
        {
            statuses.Add((int)(await client.GetAsync("work", Ct)).StatusCode);
        }

        Assert.Equal(5, statuses.Count(s => s == 500));
        Assert.Equal(500, statuses[3]);
        Assert.Equal((15, 5), (backend.Stats.Served, backend.Stats.Failed));
    }

    [Fact(Timeout = 30_000)]
    public async Task AbortFailure_DropsTheConnectionWithoutAnAnswer()
    {
        await using var backend = await StartAsync(new BackendBehaviour(TimeSpan.Zero, FailureRate: 1, FailureKind: BackendFailureKind.Abort));
        using var client = new HttpClient { BaseAddress = backend.Endpoint };

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("work", Ct));
    }

    [Fact(Timeout = 30_000)]
    public async Task Drain_FinishesRequestsInFlightAndRefusesNewConnections()
    {
        await using var backend = await StartAsync(new BackendBehaviour(TimeSpan.FromMilliseconds(400)));
        using var client = new HttpClient { BaseAddress = backend.Endpoint };
        var inFlight = Enumerable.Range(0, 3).Select(_ => client.GetAsync("work", Ct)).ToList();
        while (backend.Stats.InFlight < 3)
        {
            await Task.Delay(5, Ct);
        }

        await backend.DrainAsync(Ct);
        var finished = await Task.WhenAll(inFlight);

        Assert.All(finished, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(("Stopped", 3L, 3L), (backend.Stats.State, backend.Stats.Served, backend.Stats.CompletedWhileDraining));
        using var fresh = new HttpClient { BaseAddress = backend.Endpoint };
        await Assert.ThrowsAsync<HttpRequestException>(() => fresh.GetAsync("work", Ct));
    }

    [Fact(Timeout = 30_000)]
    public async Task AdminApi_ChangesBehaviourDrainsAndRefusesBadFieldsByName()
    {
        await using var backend = await StartAsync(BackendBehaviour.Healthy);
        using var client = new HttpClient { BaseAddress = backend.Endpoint };

        var set = await client.PutAsJsonAsync("admin/behaviour", new { latencyMs = 5, failureRate = 1, failureKind = "Status500" }, Ct);
        var failed = await client.GetAsync("work", Ct);
        var badRate = await client.PutAsJsonAsync("admin/behaviour", new { failureRate = 2 }, Ct);
        var badLatency = await client.PutAsJsonAsync("admin/behaviour", new { latencyMs = -1 }, Ct);
        var unknown = await client.PutAsJsonAsync("admin/behaviour", new { latency = 5 }, Ct);
        var stats = await client.GetFromJsonAsync<BackendStatsDocument>("admin/stats", Ct);
        var drain = await client.PostAsync("admin/drain", null, Ct);
        await backend.DrainAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal((5.0, 1.0, BackendFailureKind.Status500), (stats!.LatencyMs, stats.FailureRate, stats.FailureKind));
        foreach (var (response, field) in new[] { (badRate, "failureRate"), (badLatency, "latencyMs"), (unknown, "latency") })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
            Assert.Equal(field, problem.RootElement.GetProperty("field").GetString());
        }

        Assert.Equal(HttpStatusCode.Accepted, drain.StatusCode);
        Assert.Equal("Stopped", backend.Stats.State);
    }

    [Fact]
    public void Options_OutOfRange_FailNamingTheSetting()
    {
        var badRate = Assert.Throws<ArgumentOutOfRangeException>(() => new SandboxBackendOptions { Name = "b", Behaviour = new BackendBehaviour(TimeSpan.Zero, FailureRate: 1.5) }.Validate());
        var noName = Assert.Throws<ArgumentException>(() => new SandboxBackendOptions { Name = " " }.Validate());
        var badTimeout = Assert.Throws<ArgumentException>(() => new SandboxTrafficProxyOptions { RequestTimeout = TimeSpan.Zero }.Validate());

        Assert.Equal("FailureRate", badRate.ParamName);
        Assert.Equal("Name", noName.ParamName);
        Assert.Equal("RequestTimeout", badTimeout.ParamName);
    }
}
