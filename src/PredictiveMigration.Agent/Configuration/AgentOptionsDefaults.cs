using Microsoft.Extensions.Options;

namespace PredictiveMigration.Agent.Configuration;

/// <summary>Fills in the settings whose default depends on the machine (the server id from the host name).</summary>
internal sealed class AgentOptionsDefaults : IPostConfigureOptions<AgentOptions>
{
    private readonly Func<string> _hostName;

    public AgentOptionsDefaults()
        : this(static () => Environment.MachineName)
    {
    }

    internal AgentOptionsDefaults(Func<string> hostName)
    {
        _hostName = hostName;
    }

    public void PostConfigure(string? name, AgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ServerId))
        {
            options.ServerId = ServerIdSanitizer.Sanitize(_hostName());
        }
    }
}
