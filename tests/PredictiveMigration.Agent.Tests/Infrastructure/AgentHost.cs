using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PredictiveMigration.Agent.Configuration;
using PredictiveMigration.Agent.Sampling;

namespace PredictiveMigration.Agent.Tests.Infrastructure;

/// <summary>Builds the real agent host (<see cref="AgentServiceCollectionExtensions.AddProfilerAgent"/>) for loop tests.</summary>
public static class AgentHost
{
    /// <summary>
    /// The agent with a fake sampler, sending to <paramref name="sinkUrl"/> and spooling to <paramref name="spoolDirectory"/>.
    /// The intervals are sub-second, below what production validation allows, so the validator is removed.
    /// </summary>
    public static IHost Build(
        Uri sinkUrl,
        string spoolDirectory,
        ISampler sampler,
        TimeSpan sampleInterval,
        TimeSpan sendInterval,
        int maxBatchEvents,
        long maxSpoolBytes = 64L * 1024 * 1024)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Test" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Agent:ServerId"] = "test-server-01",
            ["Agent:SampleInterval"] = sampleInterval.ToString("c", CultureInfo.InvariantCulture),
            ["Agent:SendInterval"] = sendInterval.ToString("c", CultureInfo.InvariantCulture),
            ["Agent:MaxBatchEvents"] = maxBatchEvents.ToString(CultureInfo.InvariantCulture),
            ["Agent:SpoolDirectory"] = spoolDirectory,
            ["Agent:MaxSpoolBytes"] = maxSpoolBytes.ToString(CultureInfo.InvariantCulture),
            ["Agent:Sink:Mode"] = "Http",
            ["Agent:Sink:Http:Url"] = sinkUrl.ToString(),
            ["Agent:Sink:Timeout"] = "00:00:05",
        });
        builder.Services.AddProfilerAgent(builder.Configuration);
        builder.Services.RemoveAll<IValidateOptions<AgentOptions>>();
        builder.Services.Replace(ServiceDescriptor.Singleton(sampler));
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(15));
        return builder.Build();
    }
}
