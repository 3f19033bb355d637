using Azure.Storage.Queues;
using Microsoft.Extensions.Logging.Abstractions;
using PredictiveMigration.Functions.Hosting;
using PredictiveMigration.Sandbox.TriggerHost;
using PredictiveMigration.Testing;

namespace PredictiveMigration.Sandbox.Tests.TriggerHost;

/// <summary>The hook: its decision, its refusal without storage, and the backend it starts against Azurite.</summary>
public class DurableBackendHookTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    private const string Orchestrator = """{"bindings":[{"name":"context","type":"orchestrationTrigger","direction":"in"}]}""";

    /// <summary>A timer, an Event Hubs trigger (the app's own) and an HTTP function: nothing Durable.</summary>
    private static List<FunctionMetadata> NonDurable() =>
    [
        FunctionMetadataLoader.Parse("Tick", """{"bindings":[{"name":"t","type":"timerTrigger","direction":"in","schedule":"0 * * * * *"}]}"""),
        FunctionMetadataLoader.Parse(FunctionCatalog.IngestMetrics, FunctionCatalog.Get(FunctionCatalog.IngestMetrics).ToFunctionJson()),
        FunctionMetadataLoader.Parse(FunctionCatalog.ListServers, FunctionCatalog.Get(FunctionCatalog.ListServers).ToFunctionJson()),
    ];

    [Fact]
    public void IsNeeded_NoDurableTrigger_IsFalse()
    {
        Assert.False(DurableBackendHook.IsNeeded(NonDurable()));
    }

    [Fact]
    public void IsNeeded_AnOrchestrationTrigger_IsTrue()
    {
        Assert.True(DurableBackendHook.IsNeeded([FunctionMetadataLoader.Parse("MigrateServer", Orchestrator)]));
    }

    [Fact]
    public async Task StartIfNeeded_DurableFunctionsWithoutStorage_FailsNamingTheSetting()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => DurableBackendHook.StartIfNeededAsync(
            [FunctionMetadataLoader.Parse("MigrateServer", Orchestrator)], new Uri("http://127.0.0.1:1/"), null, "PmTestHub", TimeProvider.System, NullLoggerFactory.Instance, CancellationToken.None));

        Assert.Contains("TriggerHost:DurableConnectionString", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MigrateServer", ex.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task StartIfNeeded_DurableFunctions_StartsTheBackendWhichCreatesItsTaskHub()
    {
        var connection = storage.Require();
        var hub = "PmHook" + Guid.NewGuid().ToString("N")[..10];

        await using var backend = await DurableBackendHook.StartIfNeededAsync(
            [FunctionMetadataLoader.Parse("MigrateServer", Orchestrator)], new Uri("http://127.0.0.1:1/"), connection, hub, TimeProvider.System, NullLoggerFactory.Instance, TestContext.Current.CancellationToken);

        Assert.NotNull(backend);
        var control = new QueueClient(connection, backend.Options.ControlQueueName);
        await RecordingApp.WaitUntilAsync(() => control.Exists().Value, "the control queue", seconds: 30);
        Assert.Equal(hub, backend.Options.TaskHubName);
        Assert.Equal(TimeSpan.FromSeconds(1), backend.Options.MaxTimerVisibility);
    }

    [Fact]
    public async Task StartIfNeeded_NoDurableFunctions_StartsNothing()
    {
        var backend = await DurableBackendHook.StartIfNeededAsync(
            NonDurable(), new Uri("http://127.0.0.1:1/"), null, "PmTestHub", TimeProvider.System, NullLoggerFactory.Instance, CancellationToken.None);

        Assert.Null(backend);
    }
}
