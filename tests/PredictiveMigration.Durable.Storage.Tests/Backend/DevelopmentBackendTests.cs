using System.Globalization;
using System.Text.Json;
using PredictiveMigration.Durable.Protobuf;
using PredictiveMigration.Durable.Storage.Backend;
using PredictiveMigration.Durable.Storage.Client;
using PredictiveMigration.Durable.Storage.Tests.Support;
using PredictiveMigration.Testing;

namespace PredictiveMigration.Durable.Storage.Tests.Backend;

/// <summary>The development backend end to end: real routes on a loopback port, Azurite tables and queues.</summary>
public class DevelopmentBackendTests(StorageFixture storage)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 120_000)]
    public async Task StartNew_FiftyConcurrentChainsWithFanOut_AllCompleteWithTheirOutputs()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(storage);
        string[] ids = [.. Enumerable.Range(0, 50).Select(i => "chain-" + i.ToString(CultureInfo.InvariantCulture))];

        await Task.WhenAll(ids.Select((id, i) => host.Client.StartNewAsync(TestTasks.ChainFanOut, i.ToString(CultureInfo.InvariantCulture), id, Ct)));
        OrchestrationMetadata[] results = await Task.WhenAll(ids.Select(id => host.Client.WaitForCompletionAsync(id, Patience, Ct)));

        for (int i = 0; i < ids.Length; i++)
        {
            Assert.Equal(OrchestrationRuntimeStatus.Completed, results[i].RuntimeStatus);
            Assert.Equal(TestTasks.ChainFanOutOutput(i).ToString(CultureInfo.InvariantCulture), results[i].SerializedOutput);
            Assert.Equal(TestTasks.ChainFanOut, results[i].Name);
            Assert.Equal(i.ToString(CultureInfo.InvariantCulture), results[i].SerializedInput);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task RaiseEvent_OrchestratorWaitingForApproval_CompletesWithTheEventData()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(storage);
        await host.Client.StartNewAsync(TestTasks.Approval, null, "approval-1", Ct);
        await WaitForStatusAsync(host.Client, "approval-1", OrchestrationRuntimeStatus.Running);

        await host.Client.RaiseEventAsync("approval-1", "approve", "\"ops\"", Ct);
        OrchestrationMetadata result = await host.Client.WaitForCompletionAsync("approval-1", Patience, Ct);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("\"approved by ops\"", result.SerializedOutput);
    }

    [Fact(Timeout = 60_000)]
    public async Task Terminate_WaitingOrchestration_BecomesTerminatedWithTheReason()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(storage);
        await host.Client.StartNewAsync(TestTasks.Approval, null, "approval-2", Ct);
        await WaitForStatusAsync(host.Client, "approval-2", OrchestrationRuntimeStatus.Running);

        await host.Client.TerminateAsync("approval-2", "nobody approved", Ct);
        OrchestrationMetadata result = await host.Client.WaitForCompletionAsync("approval-2", Patience, Ct);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, result.RuntimeStatus);
        Assert.Equal("\"nobody approved\"", result.SerializedOutput);
        IReadOnlyList<HistoryEpisode> history = await host.Client.GetHistoryAsync("approval-2", Ct);
        HistoryEvent terminated = Assert.Single(history.SelectMany(e => e.Events), e => e.ExecutionTerminated is not null);
        Assert.Equal("\"nobody approved\"", terminated.ExecutionTerminated.Input);
    }

    [Fact(Timeout = 60_000)]
    public async Task Purge_CompletedInstance_RemovesInstanceAndHistory()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(storage);
        await host.Client.StartNewAsync(TestTasks.ChainFanOut, "1", "purge-1", Ct);
        await host.Client.WaitForCompletionAsync("purge-1", Patience, Ct);

        bool purged = await host.Client.PurgeAsync("purge-1", Ct);

        Assert.True(purged);
        Assert.Null(await host.Client.GetStatusAsync("purge-1", includeInputsAndOutputs: false, Ct));
        Assert.Empty(await host.Client.GetHistoryAsync("purge-1", Ct));
        Assert.False(await host.Client.PurgeAsync("purge-1", Ct));
    }

    [Fact(Timeout = 60_000)]
    public async Task Purge_RunningInstance_IsRefused()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(storage);
        await host.Client.StartNewAsync(TestTasks.Approval, null, "purge-2", Ct);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.Client.PurgeAsync("purge-2", Ct));

        Assert.Contains("terminate it first", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task StartNew_ExistingInstanceId_Throws()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(storage);
        await host.Client.StartNewAsync(TestTasks.ChainFanOut, "1", "dup-1", Ct);
        await host.Client.WaitForCompletionAsync("dup-1", Patience, Ct);

        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Client.StartNewAsync(TestTasks.ChainFanOut, "1", "dup-1", Ct));
    }

    [Theory(Timeout = 30_000)]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("why?")]
    public async Task StartNew_InvalidInstanceId_ThrowsArgumentException(string instanceId)
    {
        var client = new DevelopmentDurableClient(new DurableBackendOptions { ConnectionString = storage.Require(), TaskHubName = UniqueNames.Table("hub") });

        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.StartNewAsync(TestTasks.ChainFanOut, null, instanceId, Ct));
    }

    [Fact(Timeout = 30_000)]
    public async Task GetStatus_UnknownInstance_IsNull()
    {
        var client = new DevelopmentDurableClient(new DurableBackendOptions { ConnectionString = storage.Require(), TaskHubName = UniqueNames.Table("hub") });

        Assert.Null(await client.GetStatusAsync("nobody", includeInputsAndOutputs: true, Ct));
    }

    [Fact(Timeout = 60_000)]
    public async Task CreateTimer_ShortTimer_FiresWhenDueByTheClock()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(storage);
        await host.Client.StartNewAsync(TestTasks.Sleeper, null, "sleeper-1", Ct);

        OrchestrationMetadata result = await host.Client.WaitForCompletionAsync("sleeper-1", Patience, Ct);

        Assert.Equal("\"woke on time\"", result.SerializedOutput);
        IReadOnlyList<HistoryEvent> events = [.. (await host.Client.GetHistoryAsync("sleeper-1", Ct)).SelectMany(e => e.Events)];
        HistoryEvent created = Assert.Single(events, e => e.TimerCreated is not null);
        HistoryEvent fired = Assert.Single(events, e => e.TimerFired is not null);
        Assert.Equal(created.EventId, fired.TimerFired.TimerId);
    }

    [Fact(Timeout = 60_000)]
    public async Task CreateTimer_CappedVisibility_IsReEnqueuedUntilDue()
    {
        // With a 100 ms cap the 400 ms timer's message comes back several times before it is due (the setting an
        // accelerated clock uses); it still fires once, on time.
        await using DurableTestHost host = await DurableTestHost.StartAsync(storage, o => o.MaxTimerVisibility = TimeSpan.FromMilliseconds(100));
        await host.Client.StartNewAsync(TestTasks.Sleeper, null, "sleeper-2", Ct);

        OrchestrationMetadata result = await host.Client.WaitForCompletionAsync("sleeper-2", Patience, Ct);

        Assert.Equal("\"woke on time\"", result.SerializedOutput);
        Assert.Single((await host.Client.GetHistoryAsync("sleeper-2", Ct)).SelectMany(e => e.Events), e => e.TimerFired is not null);
    }

    [Fact(Timeout = 60_000)]
    public async Task CallSubOrchestrator_ChildCompletes_ParentGetsItsOutput()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(storage);
        await host.Client.StartNewAsync(TestTasks.Parent, "2", "parent-1", Ct);

        OrchestrationMetadata result = await host.Client.WaitForCompletionAsync("parent-1", Patience, Ct);

        Assert.Equal((TestTasks.ChainFanOutOutput(2) + 1000).ToString(CultureInfo.InvariantCulture), result.SerializedOutput);
        OrchestrationMetadata? child = await host.Client.GetStatusAsync("parent-1-child", includeInputsAndOutputs: true, Ct);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, child?.RuntimeStatus);
    }

    [Fact(Timeout = 60_000)]
    public async Task ContinueAsNew_ThreeTimes_CompletesWithTheLastInput()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(storage);
        await host.Client.StartNewAsync(TestTasks.Counter, "0", "counter-1", Ct);

        OrchestrationMetadata result = await host.Client.WaitForCompletionAsync("counter-1", Patience, Ct);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("3", result.SerializedOutput);
        Assert.Equal([0, 1, 2, 3], (await host.Client.GetHistoryAsync("counter-1", Ct)).Select(e => e.Generation).Distinct());
    }

    [Fact(Timeout = 60_000)]
    public async Task CallActivity_ActivityThrows_OrchestratorSeesTheTypedFailure()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(storage);
        await host.Client.StartNewAsync(TestTasks.CatchActivityFailure, null, "catch-1", Ct);

        OrchestrationMetadata result = await host.Client.WaitForCompletionAsync("catch-1", Patience, Ct);

        Assert.Equal("\"System.InvalidOperationException: quota exceeded\"", result.SerializedOutput);
    }

    [Fact(Timeout = 60_000)]
    public async Task CallActivity_RouteAnswers500_OrchestratorSeesTheHostsGenericFailure()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(storage);
        await host.Client.StartNewAsync(TestTasks.CallExploding, null, "explode-1", Ct);

        OrchestrationMetadata result = await host.Client.WaitForCompletionAsync("explode-1", Patience, Ct);

        Assert.Equal(
            JsonSerializer.Serialize("Microsoft.Azure.WebJobs.Host.FunctionInvocationException / Response status code does not indicate success: 500."),
            result.SerializedOutput);
    }

    [Fact(Timeout = 90_000)]
    public async Task TwoBackends_SameTaskHub_EveryStepRecordedOnce()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(storage, o =>
        {
            o.MaxConcurrentOrchestrations = 4;
            o.MaxConcurrentActivities = 4;
        }, backends: 2);
        string[] ids = [.. Enumerable.Range(0, 20).Select(i => "two-" + i.ToString(CultureInfo.InvariantCulture))];

        await Task.WhenAll(ids.Select((id, i) => host.Client.StartNewAsync(TestTasks.ChainFanOut, i.ToString(CultureInfo.InvariantCulture), id, Ct)));
        OrchestrationMetadata[] results = await Task.WhenAll(ids.Select(id => host.Client.WaitForCompletionAsync(id, Patience, Ct)));

        Assert.All(results, r => Assert.Equal(OrchestrationRuntimeStatus.Completed, r.RuntimeStatus));
        foreach (string id in ids)
        {
            HistoryEvent[] events = [.. (await host.Client.GetHistoryAsync(id, Ct)).SelectMany(e => e.Events)];
            Assert.Equal(7, events.Count(e => e.TaskScheduled is not null));
            Assert.Equal(7, events.Count(e => e.TaskCompleted is not null));
            Assert.Equal(Enumerable.Range(0, 7), events.Where(e => e.TaskCompleted is not null).Select(e => e.TaskCompleted.TaskScheduledId).Order());
            Assert.Single(events, e => e.ExecutionStarted is not null);
            Assert.Single(events, e => e.ExecutionCompleted is not null);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task RaiseEvent_SameMessageDeliveredTwice_RecordedOnce()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(storage);
        await host.Client.StartNewAsync(TestTasks.TwoEvents, null, "twice-1", Ct);
        await WaitForStatusAsync(host.Client, "twice-1", OrchestrationRuntimeStatus.Running);
        var storageClient = new TaskHubStorage(host.Options);
        var raised = new HistoryEvent { EventId = -1, EventRaised = new EventRaisedEvent { Name = "A", Input = "\"a\"" } };
        WorkMessage message = WorkMessage.With("twice-1:event:fixed", WorkMessageKind.Event, "twice-1", null, raised);

        // At-least-once delivery: the same message twice, the second after the first was recorded.
        await storageClient.SendAsync(OutboxTarget.Control, message, TimeSpan.Zero, Ct);
        await WaitUntilAsync(async () => (await host.Client.GetHistoryAsync("twice-1", Ct)).SelectMany(e => e.Events).Any(e => e.EventRaised is not null));
        await storageClient.SendAsync(OutboxTarget.Control, message, TimeSpan.Zero, Ct);
        await host.Client.RaiseEventAsync("twice-1", "B", "\"b\"", Ct);
        OrchestrationMetadata result = await host.Client.WaitForCompletionAsync("twice-1", Patience, Ct);

        Assert.Equal("\"ab\"", result.SerializedOutput);
        HistoryEvent[] events = [.. (await host.Client.GetHistoryAsync("twice-1", Ct)).SelectMany(e => e.Events)];
        Assert.Single(events, e => e.EventRaised?.Name == "A");
    }

    internal static async Task WaitForStatusAsync(IDurableClient client, string instanceId, OrchestrationRuntimeStatus status) =>
        await WaitUntilAsync(async () => (await client.GetStatusAsync(instanceId, false, Ct))?.RuntimeStatus == status);

    internal static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        while (!await condition())
        {
            await Task.Delay(50, Ct);
        }
    }
}
