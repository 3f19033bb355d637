using System.Net;
using System.Net.Sockets;
using PredictiveMigration.Durable.Storage.Backend;
using PredictiveMigration.Durable.Storage.Client;
using PredictiveMigration.Durable.Storage.Tests.Support;
using PredictiveMigration.Testing;

namespace PredictiveMigration.Durable.Storage.Tests.Backend;

/// <summary>Work that keeps failing ends the instance as Failed with a reason instead of looping forever.</summary>
public class PoisonTests(StorageFixture storage)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task Orchestrator_AppUnreachable_FailedWithPoisonReasonAfterTheDequeueLimit()
    {
        // Connection refused is a platform error: retried, not failed, until the dequeue limit.
        await using DurableTestHost host = await DurableTestHost.StartAsync(storage, o =>
        {
            o.AppBaseUrl = new Uri($"http://127.0.0.1:{ClosedPort()}/");
            o.MaxDequeueCount = 2;
        });
        await host.Client.StartNewAsync(TestTasks.ChainFanOut, "1", "unreachable-1", Ct);

        OrchestrationMetadata result = await host.Client.WaitForCompletionAsync("unreachable-1", Patience, Ct);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(EpisodeBuilder.PoisonErrorType, result.FailureDetails?.ErrorType);
        Assert.Contains("received 3 times (DurableBackend:MaxDequeueCount is 2)", result.FailureDetails?.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("could not be reached", result.FailureDetails?.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Orchestrator_RouteAnswers500_FailedAtOnceAsTheExtensionDoes()
    {
        // A non-2xx orchestrator answer is a function failure, not a platform error: the extension fails the
        // orchestration with its generic text and does not retry (PROTOCOL.md §3.2).
        await using DurableTestHost host = await DurableTestHost.StartAsync(storage, o => o.MaxDequeueCount = 2);
        await host.Client.StartNewAsync(TestTasks.BrokenOrchestrator, null, "broken-1", Ct);

        OrchestrationMetadata result = await host.Client.WaitForCompletionAsync("broken-1", Patience, Ct);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal("Function 'BrokenOrchestrator' failed with an unhandled exception.", result.FailureDetails?.ErrorMessage);
        Assert.Equal("Response status code does not indicate success: 500.", result.FailureDetails?.InnerFailure?.InnerFailure?.ErrorMessage);
    }

    [Fact(Timeout = 60_000)]
    public async Task Activity_ConnectionDroppedEveryTime_InstanceFailedWithPoisonReason()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(storage, o => o.MaxDequeueCount = 2);
        await host.Client.StartNewAsync(TestTasks.CallUnreachable, null, "drop-1", Ct);

        OrchestrationMetadata result = await host.Client.WaitForCompletionAsync("drop-1", Patience, Ct);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(EpisodeBuilder.PoisonErrorType, result.FailureDetails?.ErrorType);
        Assert.Contains("The activity 'Unreachable' (task 0) could not be run", result.FailureDetails?.ErrorMessage, StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
