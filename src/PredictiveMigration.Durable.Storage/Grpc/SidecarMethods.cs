using Google.Protobuf;
using Grpc.Core;
using PredictiveMigration.Durable.Protobuf;
using PredictiveMigration.Durable.Storage.Protobuf;

namespace PredictiveMigration.Durable.Storage.Grpc;

/// <summary>
/// The client side of <c>TaskHubSidecarService</c>, written by hand over <see cref="CallInvoker"/> with the message
/// types generated in PredictiveMigration.Durable (so no message type is generated twice). The service has no
/// package, so every path is <c>/TaskHubSidecarService/&lt;Method&gt;</c> (PROTOCOL.md §3.4).
/// </summary>
internal static class SidecarMethods
{
    /// <summary>The service name, without a package.</summary>
    public const string ServiceName = "TaskHubSidecarService";

    public static readonly Method<CreateInstanceRequest, CreateInstanceResponse> StartInstance =
        Unary("StartInstance", CreateInstanceRequest.Parser, CreateInstanceResponse.Parser);

    public static readonly Method<GetInstanceRequest, GetInstanceResponse> GetInstance =
        Unary("GetInstance", GetInstanceRequest.Parser, GetInstanceResponse.Parser);

    public static readonly Method<RaiseEventRequest, RaiseEventResponse> RaiseEvent =
        Unary("RaiseEvent", RaiseEventRequest.Parser, RaiseEventResponse.Parser);

    public static readonly Method<TerminateRequest, TerminateResponse> TerminateInstance =
        Unary("TerminateInstance", TerminateRequest.Parser, TerminateResponse.Parser);

    public static readonly Method<GetInstanceRequest, GetInstanceResponse> WaitForInstanceCompletion =
        Unary("WaitForInstanceCompletion", GetInstanceRequest.Parser, GetInstanceResponse.Parser);

    public static readonly Method<PurgeInstancesRequest, PurgeInstancesResponse> PurgeInstances =
        Unary("PurgeInstances", PurgeInstancesRequest.Parser, PurgeInstancesResponse.Parser);

    private static Method<TRequest, TResponse> Unary<TRequest, TResponse>(
        string name, MessageParser<TRequest> requestParser, MessageParser<TResponse> responseParser)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        new(
            MethodType.Unary,
            ServiceName,
            name,
            Marshallers.Create(message => message.ToByteArray(), requestParser.ParseFrom),
            Marshallers.Create(message => message.ToByteArray(), responseParser.ParseFrom));
}
