using PredictiveMigration.Azure.Arm;
using PredictiveMigration.Domain.Cloud;
using PredictiveMigration.Sandbox.Cloud;
using PredictiveMigration.Sandbox.Tests.Support;

namespace PredictiveMigration.Sandbox.Tests.Adapters;

/// <summary>The Compute adapter against the sandbox cloud over HTTPS: results for the happy path and a value for each injected fault.</summary>
public sealed class ArmComputeTests : IAsyncLifetime
{
    private const string Subscription = "00000000-0000-0000-0000-0000000000cc";
    private SandboxHarness _sandbox = null!;
    private ArmCompute _compute = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _sandbox = await SandboxHarness.StartAsync(Subscription, new CloudOptions { OperationDuration = TimeSpan.FromMilliseconds(20) }, Ct);
        _compute = new ArmCompute(_sandbox.Arm, Subscription);
    }

    public ValueTask DisposeAsync() => _sandbox.DisposeAsync();

    private Task InjectAsync(object fault) => _sandbox.InjectAsync(fault, Ct);

    [Fact(Timeout = 60_000)]
    public async Task Lifecycle_CreateResizeDeallocateStartDelete_ReturnsValues()
    {
        var created = await _compute.CreateOrUpdateVmAsync(new VmSpec("rg", "web-1", "westeurope", "Standard_D2s_v3", new Dictionary<string, string> { ["pm-owned"] = "true" }), Ct);
        var resized = await _compute.ResizeVmAsync("rg", "web-1", "Standard_D4s_v3", Ct);
        var deallocated = await _compute.DeallocateVmAsync("rg", "web-1", Ct);
        var afterDeallocate = await _compute.GetVmAsync("rg", "web-1", Ct);
        await _compute.StartVmAsync("rg", "web-1", Ct);
        var running = await _compute.GetVmAsync("rg", "web-1", Ct);
        var deleted = await _compute.DeleteVmAsync("rg", "web-1", Ct);
        var deletedAgain = await _compute.DeleteVmAsync("rg", "web-1", Ct);
        var gone = await _compute.GetVmAsync("rg", "web-1", Ct);

        Assert.True(created.IsSuccess, created.Failure?.ToString());
        Assert.Equal(("Succeeded", "true"), (created.Value!.ProvisioningState, created.Value.Tags["pm-owned"]));
        Assert.Equal("Standard_D4s_v3", resized.Value!.Size);
        Assert.True(deallocated.Value);
        Assert.Equal("deallocated", afterDeallocate.Value!.PowerState);
        Assert.Equal("running", running.Value!.PowerState);
        Assert.True(deleted.Value);
        Assert.True(deletedAgain.IsSuccess);
        Assert.False(deletedAgain.Value);
        Assert.True(gone.IsSuccess);
        Assert.Null(gone.Value);
    }

    [Fact(Timeout = 60_000)]
    public async Task QuotaExceeded_IsANonTransientFailureValueWithArmsCode()
    {
        var result = await _compute.CreateOrUpdateVmAsync(new VmSpec("rg", "huge", "westeurope", "Standard_E16s_v3"), Ct);
        for (var i = 0; result.IsSuccess && i < 20; i++)
        {
            result = await _compute.CreateOrUpdateVmAsync(new VmSpec("rg", $"huge-{i}", "westeurope", "Standard_E16s_v3"), Ct);
        }

        Assert.False(result.IsSuccess);
        Assert.Equal(("OperationNotAllowed", 409, false), (result.Failure!.Code, result.Failure.Status, result.Failure.Transient));
    }

    [Fact(Timeout = 60_000)]
    public async Task PersistentThrottling_IsATransientFailureCarryingRetryAfter()
    {
        await InjectAsync(new { kind = "throttle", pathContains = "virtualMachines/busy", retryAfterSeconds = 1, count = 0 });

        var result = await _compute.GetVmAsync("rg", "busy", Ct);

        Assert.Equal((429, true, TimeSpan.FromSeconds(1)), (result.Failure!.Status, result.Failure.Transient, result.Failure.RetryAfter));
    }

    [Fact(Timeout = 60_000)]
    public async Task FailedProvisioning_IsAFailureValue()
    {
        await InjectAsync(new { kind = "failOperation", method = "PUT", count = 1 });

        var result = await _compute.CreateOrUpdateVmAsync(new VmSpec("rg", "doomed", "westeurope", "Standard_D2s_v3"), Ct);

        Assert.Equal("InternalOperationError", result.Failure!.Code);
    }

    [Fact(Timeout = 60_000)]
    public async Task RegionDown_IsATransientFailureValue()
    {
        await InjectAsync(new { kind = "regionDown", region = "northeurope" });

        var result = await _compute.CreateOrUpdateVmAsync(new VmSpec("rg", "dr", "northeurope", "Standard_D2s_v3"), Ct);

        Assert.Equal(("RegionUnavailable", true), (result.Failure!.Code, result.Failure.Transient));
    }

    [Fact(Timeout = 60_000)]
    public async Task Cancellation_IsHonoured()
    {
        await InjectAsync(new { kind = "slow", pathContains = "virtualMachines/slow", delayMs = 5000, count = 0 });
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(200);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _compute.GetVmAsync("rg", "slow", cts.Token));
    }
}
