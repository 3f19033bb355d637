using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Azure.ResourceManager.Resources;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PredictiveMigration.Azure.Arm;
using PredictiveMigration.Domain.Cloud;
using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Durable.Storage.Backend;
using PredictiveMigration.Sandbox.Cloud;
using PredictiveMigration.Sandbox.Traffic;
using PredictiveMigration.Testing;

namespace PredictiveMigration.Functions.Tests.Migrations;

/// <summary>
/// The real Functions app on a loopback port wired to the sandbox: the cloud over HTTPS (ARM and retail prices), the
/// YARP traffic proxy standing in for Traffic Manager (router and endpoint health registered through
/// <see cref="FunctionsApp.Build"/>'s configure callback), disk images as files, and the development durable backend
/// calling the app's orchestrator and activity routes. One source backend and one target backend per world, under
/// continuous load through the proxy.
/// </summary>
internal sealed class MigrationAppWorld : IAsyncDisposable
{
    public const string Subscription = "00000000-0000-0000-0000-0000000000f3";
    public const string Region = "westeurope";
    public const string SourceSize = "Standard_D2s_v3";

    private readonly List<IAsyncDisposable> _owned = [];
    private readonly CancellationTokenSource _stopLoad = new();
    private Task? _load;
    private WebApplication? _app;
    private IHost? _backend;

    private MigrationAppWorld(string directory, string group)
    {
        Directory = directory;
        Group = group;
    }

    public string Directory { get; }

    public string Group { get; }

    public SandboxCloud Cloud { get; private set; } = null!;

    public ArmCompute Compute { get; private set; } = null!;

    public SandboxTrafficProxy Proxy { get; private set; } = null!;

    public SandboxBackend Source { get; private set; } = null!;

    public SandboxBackend Target { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>Requests sent by the load loop, and those not answered 2xx.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    public long Failed => Interlocked.Read(ref _failed);

    private long _sent;
    private long _failed;

    /// <summary>Starts everything and creates the tagged source VM of <paramref name="server"/> with its disk image.</summary>
    public static async Task<MigrationAppWorld> StartAsync(string storage, string server, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), "pm-f3-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        var world = new MigrationAppWorld(directory, "rg-" + UniqueNames.Table("m"));
        try
        {
            await world.StartCoreAsync(storage, server, cancellationToken);
            return world;
        }
        catch
        {
            await world.DisposeAsync();
            throw;
        }
    }

    private async Task StartCoreAsync(string storage, string server, CancellationToken cancellationToken)
    {
        Cloud = await SandboxCloud.StartAsync(new CloudOptions { OperationDuration = TimeSpan.FromMilliseconds(20) }, TimeProvider.System, cancellationToken);
        var arm = ArmClientFactory.ForSandbox(Cloud.Endpoint, Cloud.Thumbprint, Subscription, maxRetries: 0);
        var sub = await arm.GetDefaultSubscriptionAsync(cancellationToken);
        await sub.GetResourceGroups().CreateOrUpdateAsync(WaitUntil.Completed, Group, new ResourceGroupData(AzureLocation.WestEurope), cancellationToken);
        Compute = new ArmCompute(arm, Subscription);

        Proxy = await SandboxTrafficProxy.StartAsync(new SandboxTrafficProxyOptions { RequestTimeout = TimeSpan.FromSeconds(5) }, TimeProvider.System, cancellationToken);
        Source = await SandboxBackend.StartAsync(new SandboxBackendOptions { Name = server + "-source" }, TimeProvider.System, cancellationToken);
        _owned.Add(Source);
        Target = await SandboxBackend.StartAsync(new SandboxBackendOptions { Name = server + "-target" }, TimeProvider.System, cancellationToken);
        _owned.Add(Target);

        // The source VM as the app's server directory finds it: tagged with its disk image, profile and endpoint.
        var disk = Path.Combine(Directory, server + ".img");
        var bytes = new byte[256 * 1024];
        Random.Shared.NextBytes(bytes);
        await File.WriteAllBytesAsync(disk, bytes, cancellationToken);
        var profile = "tm-" + server;
        var vm = await Compute.CreateOrUpdateVmAsync(new VmSpec(Group, server + "-vm", Region, SourceSize, new Dictionary<string, string>
        {
            ["pm-server"] = server,
            ["pm-disk"] = disk,
            ["pm-traffic-profile"] = profile,
            ["pm-endpoint"] = Source.Endpoint.ToString(),
        }), cancellationToken);
        Assert.True(vm.IsSuccess, $"source VM: {vm.Failure}");
        var proxyHttp = new HttpClient { BaseAddress = Proxy.Endpoint, Timeout = TimeSpan.FromSeconds(30) };
        var router = new SandboxTrafficRouter(proxyHttp);
        var initial = await router.SetWeightsAsync(Group, profile, [new WeightedEndpoint(server + "-vm", Source.Endpoint.ToString(), 1000)], cancellationToken);
        Assert.True(initial.IsSuccess, $"profile: {initial.Failure}");
        _load = Task.Run(() => LoadAsync(Proxy.ProfileUri(profile)), CancellationToken.None);

        var taskHub = UniqueNames.Table("f3hub");
        var prefix = UniqueNames.Table("f3");
        var tableOptions = new TableClientOptions();
        tableOptions.Retry.MaxRetries = 0;
        _app = FunctionsApp.Build(
        [
            "--urls", "http://127.0.0.1:0",
            "--AzureWebJobsStorage", storage,
            $"--Metrics:RollupTable={prefix}r",
            $"--Metrics:DeadLetterTable={prefix}d",
            $"--Metrics:ServerTable={prefix}s",
            "--Logging:LogLevel:Default=Warning",
            $"--Arm:SubscriptionId={Subscription}",
            $"--Arm:Endpoint={Cloud.Endpoint}",
            $"--Arm:Thumbprint={Cloud.Thumbprint}",
            $"--Arm:PricesEndpoint={new Uri(Cloud.Endpoint, "retail/prices")}",
            $"--Migrations:ResourceGroups={Group}",
            $"--Migrations:Regions={Region}",
            $"--Migrations:TargetEndpointTemplate={Target.Endpoint}{{vm}}/",
            "--Migrations:ApprovalEnvironments=",
            "--Migrations:TrafficSteps:0=50",
            "--Migrations:TrafficSteps:1=100",
            "--Migrations:BakeTime=00:00:01",
            "--Migrations:ReplicationInterval=00:00:00.200",
            "--Migrations:Rpo=00:00:10",
            "--Migrations:MaxReplicationCycles=3",
            "--Migrations:RollbackWindow=00:00:00",
            $"--Replication:StateDirectory={Path.Combine(Directory, "replication")}",
            $"--DurableBackend:TaskHubName={taskHub}",
        ], builder =>
        {
            builder.Services.AddSingleton(new TableServiceClient(storage, tableOptions));
            builder.Services.AddSingleton<ITrafficRouter>(new SandboxTrafficRouter(proxyHttp));
            builder.Services.AddSingleton<IEndpointHealth>(new SandboxEndpointHealth(proxyHttp));
        });
        await _app.StartAsync(cancellationToken);
        var url = new Uri(_app.Urls.First());
        Client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };

        var backend = Host.CreateApplicationBuilder();
        backend.Logging.SetMinimumLevel(LogLevel.Warning);
        backend.Services.AddDurableDevelopmentBackend(o =>
        {
            o.ConnectionString = storage;
            o.TaskHubName = taskHub;
            o.AppBaseUrl = url;
            o.PollInterval = TimeSpan.FromMilliseconds(50);
            o.VisibilityTimeout = TimeSpan.FromSeconds(5);
            o.RetryDelay = TimeSpan.FromMilliseconds(200);
            o.HttpTimeout = TimeSpan.FromSeconds(60);
        });
        _backend = backend.Build();
        await _backend.StartAsync(cancellationToken);
    }

    private async Task LoadAsync(Uri profile)
    {
        using var http = new HttpClient { BaseAddress = profile, Timeout = TimeSpan.FromSeconds(10) };
        for (var i = 0; i < 12_000 && !_stopLoad.IsCancellationRequested; i++)
        {
            try
            {
                using var response = await http.GetAsync(string.Empty, _stopLoad.Token);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref _failed);
                }

                Interlocked.Increment(ref _sent);
                await Task.Delay(10, _stopLoad.Token);
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref _failed);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopLoad.CancelAsync();
        if (_load is not null)
        {
            await _load;
        }

        _stopLoad.Dispose();
        if (_backend is not null)
        {
            await _backend.StopAsync();
            _backend.Dispose();
        }

        Client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }

        if (Proxy is not null)
        {
            await Proxy.DisposeAsync();
        }

        if (Cloud is not null)
        {
            await Cloud.DisposeAsync();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Cleaned by the OS later.
        }
    }
}
