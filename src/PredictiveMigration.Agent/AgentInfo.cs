using System.Reflection;
using PredictiveMigration.Domain.Metrics;

namespace PredictiveMigration.Agent;

/// <summary>Facts about this build of the agent.</summary>
public static class AgentInfo
{
    /// <summary>The informational version (at most <see cref="MetricEventValidator.MaxAgentVersionLength"/> characters), sent as agentVersion.</summary>
    public static string Version { get; } = ReadVersion();

    private static string ReadVersion()
    {
        var version = typeof(AgentInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(AgentInfo).Assembly.GetName().Version?.ToString()
            ?? "0.0.0";
        var text = "pm-agent/" + version;
        return text.Length <= MetricEventValidator.MaxAgentVersionLength ? text : text[..MetricEventValidator.MaxAgentVersionLength];
    }
}
