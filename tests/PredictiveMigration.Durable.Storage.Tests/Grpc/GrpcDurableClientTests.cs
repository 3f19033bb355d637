using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using PredictiveMigration.Durable.Protobuf;
using PredictiveMigration.Durable.Storage.Client;
using PredictiveMigration.Durable.Storage.Grpc;
using PredictiveMigration.Durable.Storage.Protobuf;
using PredictiveMigration.Durable.Storage.Tests.Support;

namespace PredictiveMigration.Durable.Storage.Tests.Grpc;

/// <summary>The gRPC client against a raw-frame HTTP/2 server standing for the extension's TaskHubSidecarService.</summary>
public class GrpcDurableClientTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(FakeSidecar Sidecar, GrpcDurableClient Client)> StartAsync()
    {
        FakeSidecar sidecar = await FakeSidecar.StartAsync();

        // The address comes from the binding payload only: the fake listens on a random port.
        var payload = new DurableClientBindingPayload("PmHub", "Storage2", sidecar.Address, null, null);
        return (sidecar, GrpcDurableClient.Create(payload));
    }

    [Fact(Timeout = 30_000)]
    public async Task StartNew_SendsIdNameInputAndHubHeadersToStartInstance()
    {
        (FakeSidecar sidecar, GrpcDurableClient client) = await StartAsync();
        await using FakeSidecar _ = sidecar;
        using GrpcDurableClient __ = client;
        sidecar.Handler = (_, _) => (StatusCode.OK, new CreateInstanceResponse { InstanceId = "m-1" });

        string id = await client.StartNewAsync("Migrate", "{\"server\":\"web-01\"}", "m-1", Ct);

        Assert.Equal("m-1", id);
        (string method, byte[] body, var headers) = Assert.Single(sidecar.Calls);
        Assert.Equal("StartInstance", method);
        CreateInstanceRequest request = CreateInstanceRequest.Parser.ParseFrom(body);
        Assert.Equal(("m-1", "Migrate", "{\"server\":\"web-01\"}"), (request.InstanceId, request.Name, request.Input));
        Assert.Equal("PmHub", headers["durable-taskhub"].ToString());
        Assert.Equal("Storage2", headers["durable-connectionname"].ToString());
    }

    [Fact(Timeout = 30_000)]
    public async Task StartNew_EmptyInstanceId_IsRefusedBeforeAnyCall()
    {
        (FakeSidecar sidecar, GrpcDurableClient client) = await StartAsync();
        await using FakeSidecar _ = sidecar;
        using GrpcDurableClient __ = client;

        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.StartNewAsync("Migrate", null, "", Ct));

        Assert.Empty(sidecar.Calls);
    }

    [Fact(Timeout = 30_000)]
    public async Task StartNew_AlreadyExists_IsInvalidOperation()
    {
        (FakeSidecar sidecar, GrpcDurableClient client) = await StartAsync();
        await using FakeSidecar _ = sidecar;
        using GrpcDurableClient __ = client;
        sidecar.Handler = (_, _) => (StatusCode.AlreadyExists, null);

        await Assert.ThrowsAsync<InvalidOperationException>(() => client.StartNewAsync("Migrate", null, "m-1", Ct));
    }

    [Fact(Timeout = 30_000)]
    public async Task GetStatus_ExistingInstance_MapsTheOrchestrationState()
    {
        (FakeSidecar sidecar, GrpcDurableClient client) = await StartAsync();
        await using FakeSidecar _ = sidecar;
        using GrpcDurableClient __ = client;
        sidecar.Handler = (_, _) => (StatusCode.OK, new GetInstanceResponse
        {
            Exists = true,
            OrchestrationState = new OrchestrationState
            {
                InstanceId = "m-1",
                Name = "Migrate",
                OrchestrationStatus = OrchestrationStatus.Failed,
                CreatedTimestamp = Timestamp.FromDateTimeOffset(Created),
                LastUpdatedTimestamp = Timestamp.FromDateTimeOffset(Created.AddMinutes(1)),
                Input = "1",
                CustomStatus = "\"copying\"",
                FailureDetails = new TaskFailureDetails { ErrorType = "System.TimeoutException", ErrorMessage = "ARM timed out" },
            },
        });

        OrchestrationMetadata? status = await client.GetStatusAsync("m-1", includeInputsAndOutputs: true, Ct);

        Assert.NotNull(status);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, status.RuntimeStatus);
        Assert.Equal(("Migrate", Created, Created.AddMinutes(1)), (status.Name, status.CreatedAt, status.LastUpdatedAt));
        Assert.Equal(("1", "\"copying\""), (status.SerializedInput, status.SerializedCustomStatus));
        Assert.Equal("ARM timed out", status.FailureDetails?.ErrorMessage);
        Assert.True(GetInstanceRequest.Parser.ParseFrom(Assert.Single(sidecar.Calls).Request).GetInputsAndOutputs);
    }

    [Fact(Timeout = 30_000)]
    public async Task GetStatus_NotExisting_IsNull()
    {
        (FakeSidecar sidecar, GrpcDurableClient client) = await StartAsync();
        await using FakeSidecar _ = sidecar;
        using GrpcDurableClient __ = client;
        sidecar.Handler = (_, _) => (StatusCode.OK, new GetInstanceResponse { Exists = false });

        Assert.Null(await client.GetStatusAsync("nobody", includeInputsAndOutputs: false, Ct));
    }

    [Fact(Timeout = 30_000)]
    public async Task RaiseEventAndTerminate_SendTheirFieldsToTheirMethods()
    {
        (FakeSidecar sidecar, GrpcDurableClient client) = await StartAsync();
        await using FakeSidecar _ = sidecar;
        using GrpcDurableClient __ = client;
        sidecar.Handler = (method, _) => (StatusCode.OK, method == "RaiseEvent" ? new RaiseEventResponse() : new TerminateResponse());

        await client.RaiseEventAsync("m-1", "CutoverApproved", "true", Ct);
        await client.TerminateAsync("m-1", "cancelled by ops", Ct);

        var calls = sidecar.Calls.ToArray();
        Assert.Equal(["RaiseEvent", "TerminateInstance"], calls.Select(c => c.Method));
        RaiseEventRequest raise = RaiseEventRequest.Parser.ParseFrom(calls[0].Request);
        Assert.Equal(("m-1", "CutoverApproved", "true"), (raise.InstanceId, raise.Name, raise.Input));
        TerminateRequest terminate = TerminateRequest.Parser.ParseFrom(calls[1].Request);
        Assert.Equal(("m-1", "cancelled by ops"), (terminate.InstanceId, terminate.Output));
    }

    [Fact(Timeout = 30_000)]
    public async Task RaiseEvent_NotFound_IsInvalidOperation()
    {
        (FakeSidecar sidecar, GrpcDurableClient client) = await StartAsync();
        await using FakeSidecar _ = sidecar;
        using GrpcDurableClient __ = client;
        sidecar.Handler = (_, _) => (StatusCode.NotFound, null);

        await Assert.ThrowsAsync<InvalidOperationException>(() => client.RaiseEventAsync("nobody", "X", null, Ct));
    }

    [Fact(Timeout = 30_000)]
    public async Task PurgeAndWait_UseTheirMethods()
    {
        (FakeSidecar sidecar, GrpcDurableClient client) = await StartAsync();
        await using FakeSidecar _ = sidecar;
        using GrpcDurableClient __ = client;
        sidecar.Handler = (method, _) => method == "PurgeInstances"
            ? (StatusCode.OK, new PurgeInstancesResponse { DeletedInstanceCount = 1 })
            : (StatusCode.OK, new GetInstanceResponse
            {
                Exists = true,
                OrchestrationState = new OrchestrationState { InstanceId = "m-1", Name = "Migrate", OrchestrationStatus = OrchestrationStatus.Completed, Output = "42" },
            });

        OrchestrationMetadata done = await client.WaitForCompletionAsync("m-1", TimeSpan.FromSeconds(10), Ct);
        bool purged = await client.PurgeAsync("m-1", Ct);

        Assert.True(done.IsCompleted);
        Assert.Equal("42", done.SerializedOutput);
        Assert.True(purged);
        Assert.Equal(["WaitForInstanceCompletion", "PurgeInstances"], sidecar.Calls.Select(c => c.Method));
        Assert.Equal("m-1", PurgeInstancesRequest.Parser.ParseFrom(sidecar.Calls.Last().Request).InstanceId);
    }

    [Fact(Timeout = 30_000)]
    public async Task WaitForCompletion_DeadlineExceeded_IsATimeout()
    {
        (FakeSidecar sidecar, GrpcDurableClient client) = await StartAsync();
        await using FakeSidecar _ = sidecar;
        using GrpcDurableClient __ = client;
        sidecar.Handler = (_, _) => (StatusCode.DeadlineExceeded, null);

        await Assert.ThrowsAsync<TimeoutException>(() => client.WaitForCompletionAsync("m-1", TimeSpan.FromSeconds(5), Ct));
    }
}
