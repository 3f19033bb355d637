using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace PredictiveMigration.Sandbox.Traffic;

/// <summary>
/// Source-generated log messages of the sandbox traffic proxy and backends. (The Sandbox assembly has no shared
/// <c>Logs</c> class yet; merge these into it when one exists.)
/// </summary>
internal static partial class TrafficLogs
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Traffic profile {Profile} now routes {Weights}")]
    public static partial void ProfileUpdated(ILogger logger, string profile, string weights);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Profile {Profile}: endpoint {Endpoint} failed with {Error}; request retried on another endpoint")]
    public static partial void RequestRetried(ILogger logger, string profile, string endpoint, ForwarderError error);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Backend {Backend} draining with {InFlight} request(s) in flight")]
    public static partial void BackendDraining(ILogger logger, string backend, long inFlight);
}
