using Microsoft.Extensions.Options;
using PredictiveMigration.Agent.Configuration;

namespace PredictiveMigration.Agent.Tests.Infrastructure;

/// <summary>Agent options for unit tests.</summary>
public static class TestOptions
{
    public static IOptions<AgentOptions> Create(Action<AgentOptions>? configure = null)
    {
        var options = new AgentOptions
        {
            ServerId = "srv-01",
            SpoolDirectory = Path.Combine(Path.GetTempPath(), "pm-agent-tests-unused"),
            Sink = new SinkOptions
            {
                Mode = SinkMode.Http,
                Timeout = TimeSpan.FromSeconds(5),
                Http = new HttpSinkOptions { Url = "http://127.0.0.1:9/api/metrics" },
                EventHubs = new EventHubsSinkOptions
                {
                    FullyQualifiedNamespace = "contoso.servicebus.windows.net",
                    HubName = "metrics",
                    SasKeyName = "send",
                    SasKey = "c2VjcmV0LWtleS1mb3ItdGVzdHM=",
                },
            },
        };
        configure?.Invoke(options);
        return Options.Create(options);
    }
}
