using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PredictiveMigration.Agent.Configuration;
using PredictiveMigration.Agent.Tests.Infrastructure;
using PredictiveMigration.Domain.Metrics;

namespace PredictiveMigration.Agent.Tests.Configuration;

public sealed class OptionsValidationTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _directory.Dispose();

    /// <summary>A host built like Program's (defaults: environment and command line), with an empty content root.</summary>
    private IHost BuildHost(params string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args =
            [
                "--Agent:SpoolDirectory=" + _directory.Combine("spool"),
                "--Agent:Sink:Http:Url=http://127.0.0.1:9/api/metrics",
                .. args,
            ],
            ContentRootPath = _directory.Path,
        });
        builder.Services.AddProfilerAgent(builder.Configuration);
        return builder.Build();
    }

    private async Task<Exception?> StartFailureAsync(string[] args, CancellationToken cancellationToken)
    {
        using var host = BuildHost(args);
        var error = await Record.ExceptionAsync(() => host.StartAsync(cancellationToken));
        if (error is null)
        {
            await host.StopAsync(cancellationToken);
        }

        return error;
    }

    [Theory(Timeout = 20_000)]
    [InlineData("--Agent:SampleInterval=00:00:00.500", "Agent:SampleInterval must be between 1 s and 1 h")]
    [InlineData("--Agent:SendInterval=02:00:00", "Agent:SendInterval must be between 1 s and 1 h")]
    [InlineData("--Agent:ServerId=bad id!", "Agent:ServerId 'bad id!' is invalid")]
    [InlineData("--Agent:MaxBatchEvents=0", "Agent:MaxBatchEvents must be between 1 and")]
    [InlineData("--Agent:MaxSpoolBytes=100", "Agent:MaxSpoolBytes must be between")]
    [InlineData("--Agent:Probes:HttpUrl=ftp://example/health", "Agent:Probes:HttpUrl")]
    [InlineData("--Agent:Probes:CommandTimeout=00:00:00.010", "Agent:Probes:CommandTimeout must be between")]
    [InlineData("--Agent:Sink:Http:Url=", "Agent:Sink:Http:Url must be set")]
    [InlineData("--Agent:Sink:Mode=EventHubs", "Agent:Sink:EventHubs:FullyQualifiedNamespace must be set")]
    public async Task StartAsync_BadSetting_FailsWithAMessageNamingIt(string argument, string expected)
    {
        // Arrange: everything else is valid.

        // Act
        var error = await StartFailureAsync([argument], _ct);

        // Assert
        var validation = Assert.IsType<OptionsValidationException>(error);
        Assert.Contains(expected, validation.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 20_000)]
    public async Task StartAsync_EventHubsSasKeyWithoutKeyName_FailsNamingSasKeyName()
    {
        // Arrange
        string[] args =
        [
            "--Agent:Sink:Mode=EventHubs",
            "--Agent:Sink:EventHubs:FullyQualifiedNamespace=contoso.servicebus.windows.net",
            "--Agent:Sink:EventHubs:HubName=metrics",
            "--Agent:Sink:EventHubs:SasKey=secret",
        ];

        // Act
        var error = await StartFailureAsync(args, _ct);

        // Assert
        Assert.Contains("Agent:Sink:EventHubs:SasKeyName must be set", Assert.IsType<OptionsValidationException>(error).Message, StringComparison.Ordinal);
    }

    [Theory(Timeout = 20_000)]
    [InlineData("--Agent:Sink:Mode=Kafka", "Agent:Sink:Mode")]
    [InlineData("--Agent:SampleInterval=soon", "Agent:SampleInterval")]
    [InlineData("--Agent:SampleIntervall=00:00:10", "SampleIntervall")]
    public async Task StartAsync_UnreadableOrUnknownSetting_FailsNamingIt(string argument, string expected)
    {
        // Arrange: a value of the wrong type, or a misspelt key.

        // Act
        var error = await StartFailureAsync([argument], _ct);

        // Assert
        Assert.IsType<InvalidOperationException>(error);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 20_000)]
    public async Task StartAsync_ValidCommandLine_StartsWithTheGivenSettings()
    {
        // Arrange
        using var host = BuildHost("--Agent:ServerId=db-primary.eu", "--Agent:SampleInterval=00:00:30");

        // Act
        await host.StartAsync(_ct);
        var options = host.Services.GetRequiredService<IOptions<AgentOptions>>().Value;
        await host.StopAsync(_ct);

        // Assert
        Assert.Equal("db-primary.eu", options.ServerId);
        Assert.Equal(TimeSpan.FromSeconds(30), options.SampleInterval);
        Assert.Equal(TimeSpan.FromSeconds(60), options.SendInterval);
    }

    [Fact(Timeout = 20_000)]
    public async Task Options_EnvironmentVariable_IsBoundAndCommandLineWins()
    {
        // Arrange: no other test reads Agent__* from the environment (the loop tests build hosts without defaults).
        Environment.SetEnvironmentVariable("Agent__ServerId", "from-environment");
        Environment.SetEnvironmentVariable("Agent__MaxBatchEvents", "123");
        try
        {
            using var host = BuildHost("--Agent:MaxBatchEvents=7");

            // Act
            var options = host.Services.GetRequiredService<IOptions<AgentOptions>>().Value;
            await Task.Yield();

            // Assert
            Assert.Equal("from-environment", options.ServerId);
            Assert.Equal(7, options.MaxBatchEvents);
        }
        finally
        {
            Environment.SetEnvironmentVariable("Agent__ServerId", null);
            Environment.SetEnvironmentVariable("Agent__MaxBatchEvents", null);
        }
    }

    [Fact(Timeout = 20_000)]
    public async Task Options_NoServerId_DefaultsToTheSanitizedHostName()
    {
        // Arrange
        var defaults = new AgentOptionsDefaults(() => "-web 01_(prod)");
        var options = new AgentOptions();

        // Act
        defaults.PostConfigure(Options.DefaultName, options);
        await Task.Yield();

        // Assert
        Assert.Equal("web-01_-prod-", options.ServerId);
        Assert.DoesNotContain(new AgentOptionsValidator().Validate(null, options).Failures ?? [], f => f.Contains("ServerId", StringComparison.Ordinal));
    }

    [Theory(Timeout = 10_000)]
    [InlineData("web01", "web01")]
    [InlineData("web01.contoso.local", "web01.contoso.local")]
    [InlineData("..weird host", "weird-host")]
    [InlineData("", ServerIdSanitizer.Fallback)]
    [InlineData("!!!", ServerIdSanitizer.Fallback)]
    public async Task ServerIdSanitizer_HostName_BecomesAValidServerId(string hostName, string expected)
    {
        // Arrange
        await Task.Yield();

        // Act
        var id = ServerIdSanitizer.Sanitize(hostName);

        // Assert
        Assert.Equal(expected, id);
        Assert.True(MetricEventValidator.IsValidServerId(id));
    }

    [Fact(Timeout = 10_000)]
    public async Task AppSettings_ShippedFile_BindsToTheDocumentedDefaults()
    {
        // Arrange: the agent's appsettings.json, copied next to the test binaries.
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false)
            .Build();
        var services = new ServiceCollection().AddLogging().AddProfilerAgent(configuration);
        await using var provider = services.BuildServiceProvider();

        // Act
        var options = provider.GetRequiredService<IOptions<AgentOptions>>().Value;

        // Assert
        Assert.Equal(TimeSpan.FromSeconds(10), options.SampleInterval);
        Assert.Equal(TimeSpan.FromSeconds(60), options.SendInterval);
        Assert.Equal(500, options.MaxBatchEvents);
        Assert.Equal("/var/lib/pm-agent/spool", options.SpoolDirectory);
        Assert.Equal(64L * 1024 * 1024, options.MaxSpoolBytes);
        Assert.Equal("/proc", options.ProcRoot);
        Assert.Equal(SinkMode.Http, options.Sink.Mode);
        Assert.False(string.IsNullOrEmpty(options.ServerId));
    }
}
