using Grpc.Core;
using Grpc.Net.Client;
using PredictiveMigration.Durable.Protobuf;
using PredictiveMigration.Durable.Storage.Client;
using PredictiveMigration.Durable.Storage.Protobuf;

namespace PredictiveMigration.Durable.Storage.Grpc;

/// <summary>
/// <see cref="IDurableClient"/> over the Functions host's <c>TaskHubSidecarService</c> (PROTOCOL.md §3.4): the
/// Durable extension's local gRPC server, plaintext HTTP/2 on the address the <c>durableClient</c> binding gives in
/// <c>rpcBaseUrl</c>. Build it per invocation with <see cref="Create(DurableClientBindingPayload)"/>.
/// </summary>
public sealed class GrpcDurableClient : IDurableClient, IDisposable
{
    /// <summary>Header that selects a task hub other than the default (PROTOCOL.md §3.4).</summary>
    public const string TaskHubHeader = "Durable-TaskHub";

    /// <summary>Header that selects a storage connection other than the default.</summary>
    public const string ConnectionNameHeader = "Durable-ConnectionName";

    private readonly CallInvoker _invoker;
    private readonly Metadata _headers = [];
    private readonly TimeProvider _time;
    private readonly GrpcChannel? _channel;

    /// <summary>Creates the client over an existing call invoker (tests, or a channel the caller owns).</summary>
    /// <param name="invoker">The call invoker.</param>
    /// <param name="taskHubName">Sent as <c>Durable-TaskHub</c> when not empty.</param>
    /// <param name="connectionName">Sent as <c>Durable-ConnectionName</c> when not empty.</param>
    /// <param name="time">The clock for deadlines; default <see cref="TimeProvider.System"/>.</param>
    public GrpcDurableClient(CallInvoker invoker, string? taskHubName = null, string? connectionName = null, TimeProvider? time = null)
        : this(invoker, taskHubName, connectionName, time, null)
    {
    }

    private GrpcDurableClient(CallInvoker invoker, string? taskHubName, string? connectionName, TimeProvider? time, GrpcChannel? channel)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        _invoker = invoker;
        _time = time ?? TimeProvider.System;
        _channel = channel;
        if (!string.IsNullOrEmpty(taskHubName))
        {
            _headers.Add(TaskHubHeader, taskHubName);
        }

        if (!string.IsNullOrEmpty(connectionName))
        {
            _headers.Add(ConnectionNameHeader, connectionName);
        }
    }

    /// <summary>Creates a client on a new channel to <see cref="DurableClientBindingPayload.RpcBaseUrl"/>.</summary>
    /// <param name="payload">The durableClient binding value.</param>
    /// <returns>The client; dispose it to close the channel.</returns>
    public static GrpcDurableClient Create(DurableClientBindingPayload payload) => Create(payload, null);

    /// <summary>Creates a client on a new channel to <see cref="DurableClientBindingPayload.RpcBaseUrl"/>.</summary>
    /// <param name="payload">The durableClient binding value.</param>
    /// <param name="time">The clock for deadlines; default <see cref="TimeProvider.System"/>.</param>
    /// <returns>The client; dispose it to close the channel.</returns>
    public static GrpcDurableClient Create(DurableClientBindingPayload payload, TimeProvider? time)
    {
        ArgumentNullException.ThrowIfNull(payload);

        // The extension's server accepts messages of any size (PROTOCOL.md §3.4); so do we.
        var channel = GrpcChannel.ForAddress(payload.RpcBaseUrl, new GrpcChannelOptions { MaxReceiveMessageSize = null, MaxSendMessageSize = null });
        return new GrpcDurableClient(channel.CreateCallInvoker(), payload.TaskHubName, payload.ConnectionName, time, channel);
    }

    /// <inheritdoc/>
    public async Task<string> StartNewAsync(string name, string? inputJson, string instanceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);

        // Always non-empty: the extension would take "" as the id (PROTOCOL.md §3.4).
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var request = new CreateInstanceRequest { InstanceId = instanceId, Name = name, Input = inputJson };
        try
        {
            CreateInstanceResponse response = await _invoker
                .AsyncUnaryCall(SidecarMethods.StartInstance, null, Options(cancellationToken), request)
                .ResponseAsync.ConfigureAwait(false);
            return string.IsNullOrEmpty(response.InstanceId) ? instanceId : response.InstanceId;
        }
        catch (RpcException exception) when (exception.StatusCode == StatusCode.AlreadyExists)
        {
            throw new InvalidOperationException($"An orchestration instance '{instanceId}' already exists.", exception);
        }
    }

    /// <inheritdoc/>
    public async Task<OrchestrationMetadata?> GetStatusAsync(string instanceId, bool includeInputsAndOutputs, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var request = new GetInstanceRequest { InstanceId = instanceId, GetInputsAndOutputs = includeInputsAndOutputs };
        GetInstanceResponse response = await _invoker
            .AsyncUnaryCall(SidecarMethods.GetInstance, null, Options(cancellationToken), request)
            .ResponseAsync.ConfigureAwait(false);
        return response.Exists ? ToMetadata(response.OrchestrationState, instanceId) : null;
    }

    /// <inheritdoc/>
    public async Task RaiseEventAsync(string instanceId, string eventName, string? eventDataJson, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var request = new RaiseEventRequest { InstanceId = instanceId, Name = eventName, Input = eventDataJson };
        try
        {
            await _invoker.AsyncUnaryCall(SidecarMethods.RaiseEvent, null, Options(cancellationToken), request).ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException exception) when (exception.StatusCode is StatusCode.NotFound or StatusCode.FailedPrecondition)
        {
            throw new InvalidOperationException($"Cannot raise '{eventName}' on '{instanceId}': {exception.Status.Detail}", exception);
        }
    }

    /// <inheritdoc/>
    public async Task TerminateAsync(string instanceId, string? reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);

        // The extension passes `output` on as the termination reason, a plain string (PROTOCOL.md §3.4).
        var request = new TerminateRequest { InstanceId = instanceId, Output = reason };
        try
        {
            await _invoker.AsyncUnaryCall(SidecarMethods.TerminateInstance, null, Options(cancellationToken), request).ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException exception) when (exception.StatusCode is StatusCode.NotFound or StatusCode.FailedPrecondition)
        {
            throw new InvalidOperationException($"Cannot terminate '{instanceId}': {exception.Status.Detail}", exception);
        }
    }

    /// <inheritdoc/>
    public async Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var request = new PurgeInstancesRequest { InstanceId = instanceId };
        try
        {
            PurgeInstancesResponse response = await _invoker
                .AsyncUnaryCall(SidecarMethods.PurgeInstances, null, Options(cancellationToken), request)
                .ResponseAsync.ConfigureAwait(false);
            return response.DeletedInstanceCount > 0;
        }
        catch (RpcException exception) when (exception.StatusCode == StatusCode.FailedPrecondition)
        {
            throw new InvalidOperationException($"Cannot purge '{instanceId}': {exception.Status.Detail}", exception);
        }
    }

    /// <inheritdoc/>
    public async Task<OrchestrationMetadata> WaitForCompletionAsync(string instanceId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        var request = new GetInstanceRequest { InstanceId = instanceId, GetInputsAndOutputs = true };
        var options = Options(cancellationToken).WithDeadline(_time.GetUtcNow().UtcDateTime + timeout);
        try
        {
            GetInstanceResponse response = await _invoker
                .AsyncUnaryCall(SidecarMethods.WaitForInstanceCompletion, null, options, request)
                .ResponseAsync.ConfigureAwait(false);
            return response.Exists
                ? ToMetadata(response.OrchestrationState, instanceId)
                : throw new InvalidOperationException($"No orchestration instance '{instanceId}' exists.");
        }
        catch (RpcException exception) when (exception.StatusCode == StatusCode.DeadlineExceeded)
        {
            throw new TimeoutException($"Orchestration '{instanceId}' did not finish within {timeout}.", exception);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _channel?.Dispose();

    internal static OrchestrationMetadata ToMetadata(OrchestrationState state, string instanceId) => new(
        string.IsNullOrEmpty(state.InstanceId) ? instanceId : state.InstanceId,
        state.Name,
        (OrchestrationRuntimeStatus)(int)state.OrchestrationStatus,
        state.CreatedTimestamp?.ToDateTimeOffset() ?? default,
        state.LastUpdatedTimestamp?.ToDateTimeOffset() ?? default,
        state.Input,
        state.Output,
        state.CustomStatus,
        ProtoFailures.ToInfo(state.FailureDetails));

    private CallOptions Options(CancellationToken cancellationToken) => new(headers: _headers, cancellationToken: cancellationToken);
}
