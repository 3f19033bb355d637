using Microsoft.Extensions.Logging;

namespace PredictiveMigration.Sandbox;

/// <summary>This part: the simulated fleet.</summary>
internal static partial class Logs
{
    [LoggerMessage(2001, LogLevel.Warning, "Simulated agent {Server}: a batch of {Count} events was not sent (status {Status}): {Error}; it is kept and sent again")]
    public static partial void AgentSendFailed(ILogger logger, string server, int count, int status, string error);
}
