using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PredictiveMigration.Domain.Cloud;
using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Functions.Migrations;

namespace PredictiveMigration.Functions.Tests.Migrations;

/// <summary><see cref="ProbingEndpointHealth"/> against a real Kestrel backend on loopback; the traffic router is a fake port.</summary>
public sealed class ProbingEndpointHealthTests : IAsyncLifetime
{
    private const string Group = "rg-traffic";
    private const string Profile = "web-01-tm";
    private readonly ConcurrentQueue<string> _hits = new();
    private WebApplication _backend = null!;
    private string _host = "";

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _backend = builder.Build();
        var count = 0;
        _backend.MapGet("/healthz", (HttpContext c) =>
        {
            _hits.Enqueue(c.Request.Path);
            return Results.Ok("ok");
        });
        _backend.MapGet("/moved", () => Results.Redirect("/elsewhere"));
        _backend.MapGet("/flaky", () => Interlocked.Increment(ref count) % 2 == 0 ? Results.StatusCode(500) : Results.Ok());
        _backend.MapGet("/slow", async (HttpContext c) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), c.RequestAborted);
            return Results.Ok();
        });
        await _backend.StartAsync();
        _host = new Uri(_backend.Urls.First()).Authority;
    }

    public async ValueTask DisposeAsync()
    {
        await _backend.StopAsync();
        await _backend.DisposeAsync();
    }

    [Fact]
    public async Task Sample_HealthyTarget_ProbesTheTargetHostOfTheEndpointAndCountsNoFailures()
    {
        // Arrange
        var router = new FakeRouter(new WeightedEndpoint("web-01", "10.0.0.9:1", 0), new WeightedEndpoint("web-01-t0", _host, 1000));
        using var http = Client();
        var health = new ProbingEndpointHealth(http, router, Options("/healthz", probes: 20), TimeProvider.System);

        // Act
        var sample = await health.SampleAsync(Profile, "web-01-t0", TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal("web-01-t0", sample.Endpoint);
        Assert.Equal(20, sample.Requests);
        Assert.Equal(0, sample.Failures);
        Assert.True(sample.P95LatencyMs > 0);
        Assert.Equal(20, _hits.Count);
        Assert.All(_hits, p => Assert.Equal("/healthz", p));
        Assert.Equal([(Group, Profile)], router.Reads);
    }

    [Fact]
    public async Task Sample_UnderAnAcceleratedClock_MeasuresLatencyInRealTime()
    {
        // Arrange: the sandbox's clock at 1,000x; a loopback answer takes milliseconds of real time.
        var clock = PredictiveMigration.Domain.Common.AcceleratedTimeProvider.StartNow(new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero), 1000);
        var router = new FakeRouter(new WeightedEndpoint("web-01-t0", _host, 1000));
        using var http = Client();
        var health = new ProbingEndpointHealth(http, router, Options("/healthz", probes: 10), clock);

        // Act
        var wall = System.Diagnostics.Stopwatch.StartNew();
        var sample = await health.SampleAsync(Profile, "web-01-t0", TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        wall.Stop();

        // Assert: no probe can take longer than the whole sampling did in real time; measured on the accelerated
        // clock, each real millisecond would read as a second (a fixed bound was flaky when a loaded machine made the
        // first loopback answer slow).
        Assert.Equal(0, sample.Failures);
        Assert.True(sample.P95LatencyMs <= wall.Elapsed.TotalMilliseconds, $"p95 {sample.P95LatencyMs} ms, but sampling took {wall.Elapsed.TotalMilliseconds:F0} ms of real time");
    }

    [Fact]
    public async Task Sample_TargetAnswering500HalfTheTime_CountsThoseAsFailures()
    {
        // Arrange
        using var http = Client();
        var health = new ProbingEndpointHealth(http, Router(), Options("/flaky", probes: 10), TimeProvider.System);

        // Act
        var sample = await health.SampleAsync(Profile, "web-01-t0", TimeSpan.Zero, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(10, sample.Requests);
        Assert.Equal(5, sample.Failures);
        Assert.Equal(0.5, sample.ErrorRate);
    }

    [Fact]
    public async Task Sample_RedirectingTarget_Counts3xxAsSuccess()
    {
        // Arrange
        using var http = Client();
        var health = new ProbingEndpointHealth(http, Router(), Options("/moved", probes: 4), TimeProvider.System);

        // Act
        var sample = await health.SampleAsync(Profile, "web-01-t0", TimeSpan.Zero, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(4, sample.Requests);
        Assert.Equal(0, sample.Failures);
    }

    [Fact]
    public async Task Sample_TargetSlowerThanTheProbeTimeout_CountsTimeoutsAsFailuresAtTheirTimeout()
    {
        // Arrange
        using var http = Client();
        var options = Options("/slow", probes: 3, timeout: TimeSpan.FromMilliseconds(300));
        var health = new ProbingEndpointHealth(http, Router(), options, TimeProvider.System);

        // Act
        var sample = await health.SampleAsync(Profile, "web-01-t0", TimeSpan.Zero, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(3, sample.Requests);
        Assert.Equal(3, sample.Failures);
        Assert.True(sample.P95LatencyMs >= 250, $"p95 {sample.P95LatencyMs} ms should be about the 300 ms timeout");
    }

    [Fact]
    public async Task Sample_NothingListeningOnTheTarget_CountsConnectionErrorsAsFailures()
    {
        // Arrange
        var closed = _host;
        await _backend.StopAsync(TestContext.Current.CancellationToken);
        using var http = Client();
        var health = new ProbingEndpointHealth(http, new FakeRouter(new WeightedEndpoint("web-01-t0", closed, 1000)), Options("/healthz", probes: 5), TimeProvider.System);

        // Act
        var sample = await health.SampleAsync(Profile, "web-01-t0", TimeSpan.Zero, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(5, sample.Requests);
        Assert.Equal(5, sample.Failures);
    }

    [Fact]
    public async Task Sample_LongWindow_SpreadsTheProbesOverAtMostTenSeconds()
    {
        // Arrange
        using var http = Client();
        var time = new RecordingTime();
        var health = new ProbingEndpointHealth(http, Router(), Options("/healthz", probes: 20), time);

        // Act
        var sample = await health.SampleAsync(Profile, "web-01-t0", TimeSpan.FromHours(1), TestContext.Current.CancellationToken);

        // Assert: 19 waits of 10 s / 20 between the 20 probe starts (the 5 s probe timeouts are not waits).
        Assert.Equal(20, sample.Requests);
        var waits = time.DueTimes.Where(d => d != TimeSpan.FromSeconds(5)).ToList();
        Assert.Equal(19, waits.Count);
        Assert.All(waits, w => Assert.Equal(TimeSpan.FromMilliseconds(500), w));
    }

    [Fact]
    public async Task Sample_ShortWindow_SpreadsTheProbesOverTheWindow()
    {
        // Arrange
        using var http = Client();
        var time = new RecordingTime();
        var health = new ProbingEndpointHealth(http, Router(), Options("/healthz", probes: 4), time);

        // Act
        await health.SampleAsync(Profile, "web-01-t0", TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);

        // Assert
        var waits = time.DueTimes.Where(d => d != TimeSpan.FromSeconds(5)).ToList();
        Assert.Equal([TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500)], waits);
    }

    [Fact]
    public async Task Sample_EndpointNotInTheProfile_ThrowsNamingEndpointAndProfile()
    {
        // Arrange
        using var http = Client();
        var health = new ProbingEndpointHealth(http, Router(), Options("/healthz", probes: 1), TimeProvider.System);

        // Act
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => health.SampleAsync(Profile, "web-01-t9", TimeSpan.Zero, TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains("'web-01-t9'", error.Message, StringComparison.Ordinal);
        Assert.Contains(Profile, error.Message, StringComparison.Ordinal);
        Assert.Empty(_hits);
    }

    [Fact]
    public async Task Sample_RouterFails_ThrowsWithTheCloudFailure()
    {
        // Arrange
        using var http = Client();
        var router = new FakeRouter { Failure = new CloudFailure("AuthorizationFailed", "no read on the profile", 403, null, Transient: false) };
        var health = new ProbingEndpointHealth(http, router, Options("/healthz", probes: 1), TimeProvider.System);

        // Act
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => health.SampleAsync(Profile, "web-01-t0", TimeSpan.Zero, TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains("AuthorizationFailed", error.Message, StringComparison.Ordinal);
        Assert.Contains(Group, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Migrations:HealthProbePath", "healthz")]
    [InlineData("Migrations:HealthProbes", "0")]
    [InlineData("Migrations:HealthProbes", "many")]
    [InlineData("Migrations:HealthProbeTimeout", "soon")]
    [InlineData("Migrations:HealthProbeScheme", "ftp")]
    public void FromConfiguration_BadSetting_ThrowsNamingTheSetting(string key, string value)
    {
        // Arrange
        var configuration = Configuration(("Migrations:TrafficResourceGroup", Group), (key, value));

        // Act
        var error = Assert.Throws<InvalidOperationException>(() => ProbingEndpointHealthOptions.FromConfiguration(configuration));

        // Assert
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromConfiguration_Defaults_AreHttpsRootTwentyProbes()
    {
        // Act
        var options = ProbingEndpointHealthOptions.FromConfiguration(Configuration(("Migrations:TrafficResourceGroup", Group)))!;

        // Assert
        Assert.Equal((Group, "https", "/", 20, TimeSpan.FromSeconds(5)), (options.ResourceGroup, options.Scheme, options.Path, options.Probes, options.ProbeTimeout));
    }

    [Fact]
    public void AddMigrations_WithoutTrafficResourceGroup_KeepsTheFailClosedHealth()
    {
        // Act
        var services = new ServiceCollection().AddMigrations(Configuration());

        // Assert
        Assert.Equal(typeof(UnconfiguredEndpointHealth), services.Single(d => d.ServiceType == typeof(IEndpointHealth)).ImplementationType);
    }

    [Fact]
    public void AddMigrations_WithTrafficResourceGroup_RegistersProbing()
    {
        // Act
        var services = new ServiceCollection().AddMigrations(Configuration(("Migrations:TrafficResourceGroup", Group)));

        // Assert
        var descriptor = services.Single(d => d.ServiceType == typeof(IEndpointHealth));
        Assert.NotNull(descriptor.ImplementationFactory);
        Assert.Equal(Group, services.Single(d => d.ServiceType == typeof(ProbingEndpointHealthOptions)).ImplementationInstance is ProbingEndpointHealthOptions o ? o.ResourceGroup : null);
    }

    private static HttpClient Client() => new(new SocketsHttpHandler { AllowAutoRedirect = false });

    private static ProbingEndpointHealthOptions Options(string path, int probes, TimeSpan? timeout = null) => new()
    {
        ResourceGroup = Group,
        Path = path,
        Probes = probes,
        ProbeTimeout = timeout ?? TimeSpan.FromSeconds(5),
        Scheme = "http",
    };

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private FakeRouter Router() => new(new WeightedEndpoint("web-01", "10.0.0.9:1", 0), new WeightedEndpoint("web-01-t0", _host, 1000));

    private sealed class FakeRouter(params WeightedEndpoint[] endpoints) : ITrafficRouter
    {
        public List<(string Group, string Profile)> Reads { get; } = [];

        public CloudFailure? Failure { get; init; }

        public Task<CloudResult<IReadOnlyList<WeightedEndpoint>>> GetWeightsAsync(string resourceGroup, string profile, CancellationToken cancellationToken)
        {
            Reads.Add((resourceGroup, profile));
            return Task.FromResult(Failure is null
                ? CloudResult<IReadOnlyList<WeightedEndpoint>>.Ok(endpoints)
                : CloudResult<IReadOnlyList<WeightedEndpoint>>.Fail(Failure));
        }

        public Task<CloudResult<IReadOnlyList<WeightedEndpoint>>> SetWeightsAsync(string resourceGroup, string profile, IReadOnlyList<WeightedEndpoint> endpoints, CancellationToken cancellationToken) =>
            throw new NotSupportedException("health only reads the profile");
    }

    /// <summary>System time that records every timer's due time and fires the spreading waits at once.</summary>
    private sealed class RecordingTime : TimeProvider
    {
        public ConcurrentQueue<TimeSpan> DueTimes { get; } = new();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            DueTimes.Enqueue(dueTime);
            return System.CreateTimer(callback, state, dueTime == TimeSpan.FromSeconds(5) ? dueTime : TimeSpan.FromMilliseconds(1), period);
        }
    }
}
