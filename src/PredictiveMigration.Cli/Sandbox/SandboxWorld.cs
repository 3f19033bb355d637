using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Azure;
using Azure.Core;
using Azure.ResourceManager.Resources;
using PredictiveMigration.Azure.Arm;
using PredictiveMigration.Cli.Commands;
using PredictiveMigration.Domain.Cloud;
using PredictiveMigration.Domain.Common;
using PredictiveMigration.Sandbox.Azurite;
using PredictiveMigration.Sandbox.Cloud;
using PredictiveMigration.Sandbox.Fleet;
using PredictiveMigration.Sandbox.Traffic;
using Microsoft.Extensions.Logging;
using PredictiveMigration.Sandbox.TriggerHost;

namespace PredictiveMigration.Cli.Sandbox;

/// <summary>
/// Everything <c>pm sandbox</c> runs, started in order and stopped in reverse: Azurite, the sandbox cloud (ARM over
/// HTTPS), one backend answering for every server's endpoint, the fleet's VMs, disk images and traffic profiles in the
/// cloud, the Functions app as a child process on a real port, the local trigger host (timers, emulated event hub,
/// development durable backend) and the simulated agents, all on one accelerated clock (docs/sandbox.md).
/// </summary>
internal sealed class SandboxWorld : IAsyncDisposable
{
    public const string Subscription = "00000000-0000-0000-0000-00000000a001";
    public const string TaskHub = "PmSandboxHub";
    public const string EventHubName = "metrics";

    private readonly List<IAsyncDisposable> _owned = [];
    private readonly TextWriter _log;
    private readonly CancellationTokenSource _stopAgents = new();
    private Process? _app;
    private Task? _agentsRun;
    private HttpClient? _eventHubHttp;
    private ILoggerFactory? _hostLogs;
    private ILogger? _invocationLog;

    private SandboxWorld(SandboxSettings settings, TextWriter log)
    {
        Settings = settings;
        _log = log;
    }

    public SandboxSettings Settings { get; }

    public string ApiKey { get; } = "sbx-" + Guid.NewGuid().ToString("N")[..20];

    public Uri AppUrl { get; private set; } = null!;

    public AcceleratedTimeProvider Clock { get; private set; } = null!;

    /// <summary>Simulated time at which the live run began (after the history the fleet has already lived).</summary>
    public DateTimeOffset LiveStart { get; private set; }

    public FleetOptions FleetOptions { get; private set; } = null!;

    public FleetSimulator Fleet { get; private set; } = null!;

    public FleetAgents Agents { get; private set; } = null!;

    public LocalTriggerHost Host { get; private set; } = null!;

    public SandboxCloud Cloud { get; private set; } = null!;

    public ArmCompute Compute { get; private set; } = null!;

    public SandboxTraffic Traffic { get; private set; } = null!;

    public string AppLogPath { get; private set; } = "";

    public string HostLogPath { get; private set; } = "";

    /// <summary>Called with each triggered invocation's function name and outcome (the progress counters read it).</summary>
    public Action<string, InvocationOutcome>? OnInvocation { get; init; }

    public static async Task<SandboxWorld> StartAsync(SandboxSettings settings, TextWriter log, Action<string, InvocationOutcome>? onInvocation, CancellationToken cancellationToken)
    {
        var world = new SandboxWorld(settings, log) { OnInvocation = onInvocation };
        try
        {
            await world.StartCoreAsync(cancellationToken).ConfigureAwait(false);
            return world;
        }
        catch
        {
            await world.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task StartCoreAsync(CancellationToken ct)
    {
        var work = Settings.WorkDirectory;
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }

        foreach (var sub in new[] { "azurite", "disks", "replication", "functions", "logs" })
        {
            Directory.CreateDirectory(Path.Combine(work, sub));
        }

        // 1. Storage.
        var storage = await LocalStorage.OpenAsync(Path.Combine(work, "azurite"), _log, ct, inMemory: true).ConfigureAwait(false);
        _owned.Add(storage);
        Step($"storage   {storage.Description}");

        // 2. The cloud, its resource group, and one backend answering for every server's endpoint.
        Cloud = await SandboxCloud.StartAsync(new CloudOptions { OperationDuration = TimeSpan.FromMilliseconds(50), StatePath = Path.Combine(work, "cloud.json"), Catalog = Catalog(Settings.Servers) }, TimeProvider.System, ct).ConfigureAwait(false);
        _owned.Add(Cloud);
        await File.WriteAllTextAsync(Path.Combine(work, "cloud.crt"), Cloud.Certificate.ExportCertificatePem(), ct).ConfigureAwait(false);
        var arm = ArmClientFactory.ForSandbox(Cloud.Endpoint, Cloud.Thumbprint, Subscription);
        var subscription = await arm.GetDefaultSubscriptionAsync(ct).ConfigureAwait(false);
        FleetOptions = new FleetOptions { ServerCount = Settings.Servers, Seed = Settings.Seed };
        FleetOptions.Validate();
        await subscription.GetResourceGroups().CreateOrUpdateAsync(WaitUntil.Completed, FleetOptions.ResourceGroup, new ResourceGroupData(new AzureLocation(FleetOptions.Region)), ct).ConfigureAwait(false);
        Compute = new ArmCompute(arm, Subscription);
        Step($"cloud     {Cloud.Endpoint} (ARM subset over HTTPS, certificate {Path.Combine(work, "cloud.crt")})");
        var backend = await SandboxBackend.StartAsync(new SandboxBackendOptions { Name = "fleet" }, TimeProvider.System, ct).ConfigureAwait(false);
        _owned.Add(backend);
        var endpointHost = $"{backend.Endpoint.Host}:{backend.Endpoint.Port}";

        // 3. The fleet: its VMs (tagged as the app's server directory reads them), disk images and traffic profiles.
        Fleet = Settings.TraceDirectory is null ? FleetSimulator.Synthetic(FleetOptions) : FleetSimulator.FromTraceDirectory(FleetOptions, Settings.TraceDirectory);
        await ProvisionFleetAsync(arm, endpointHost, ct).ConfigureAwait(false);
        Step(string.Create(CultureInfo.InvariantCulture, $"fleet     {Fleet.Servers.Count} servers in {FleetOptions.ResourceGroup} ({FleetOptions.Region}), {(Settings.TraceDirectory is null ? $"synthetic workloads, seed {FleetOptions.Seed}" : $"replaying traces from {Settings.TraceDirectory}")}"));

        // User traffic: the cloud's traffic profiles followed onto a YARP proxy, a request a second to every server.
        Traffic = await SandboxTraffic.StartAsync(Cloud, FleetOptions.ResourceGroup, 1, ct).ConfigureAwait(false);
        _owned.Add(Traffic);
        Step($"traffic   {Traffic.ProxyEndpoint} (YARP following the cloud's Traffic Manager profiles; a request a second to each server through it)");

        // 4. The clock: the fleet has lived Settings.History already; simulated "now" starts there.
        LiveStart = FleetOptions.Start + Settings.History;
        Clock = AcceleratedTimeProvider.StartNow(LiveStart, Settings.Speed);

        // 5. The Functions app as a real process on a real port.
        var port = Settings.Port == 0 ? FreePort() : Settings.Port;
        AppUrl = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
        var appDll = Path.Combine(AppContext.BaseDirectory, "PredictiveMigration.Functions.dll");
        StartApp(appDll, storage.ConnectionString, endpointHost);
        Step($"app       {AppUrl} (PredictiveMigration.Functions, pid {_app!.Id}; log {AppLogPath})");

        // 6. The trigger host: timers, the emulated event hub and the durable backend, against the app's function.json.
        HostLogPath = Path.Combine(work, "logs", "host.log");
        _hostLogs = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddProvider(new FileLoggerProvider(HostLogPath, LogLevel.Information, Clock)));
        _invocationLog = _hostLogs.CreateLogger("Invocations");
        var root = RepositoryRoot.Find();
        Host = await LocalTriggerHost.StartAsync(new TriggerHostOptions
        {
            AppBaseUrl = AppUrl,
            AppPath = appDll,
            FunctionsDirectory = Path.Combine(work, "functions"),
            HostJsonPath = root is null ? null : Path.Combine(root, "host.json"),
            Settings = new(AppSchedules()) { ["MetricsEventHubName"] = EventHubName, ["MetricsConsumerGroup"] = "$Default" },
            DurableConnectionString = storage.ConnectionString,
            DurableTaskHub = TaskHub,
            DurablePollInterval = TimeSpan.FromMilliseconds(100),
            AppReadyTimeout = TimeSpan.FromSeconds(90),
            OnInvocation = LogInvocation,
        }, Clock, _hostLogs, ct).ConfigureAwait(false);
        _owned.Add(Host);
        if (_app.HasExited)
        {
            throw new InvalidOperationException($"the app exited with code {_app.ExitCode}; see {AppLogPath}");
        }

        Step($"triggers  {string.Join(", ", Host.TimerSchedules.Select(t => $"{t.Key} '{t.Value}'"))}; event hub {Host.EventHub.MessagesUri(EventHubName)}; durable backend {(Host.DurableBackendRunning ? "running" : "off")} (task hub {TaskHub}); log {HostLogPath}");

        // 7. The agents, sending through the emulated event hub the way the real agent does.
        _eventHubHttp = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var resource = $"https://{Host.EventHub.Options.FullyQualifiedNamespace}/{EventHubName}";
        var sender = new EventHubsRestSender(_eventHubHttp, Host.EventHub.MessagesUri(EventHubName),
            () => EventHubsRestSender.SasToken(resource, "send", "sandbox", Clock.GetUtcNow().AddHours(1)));
        var capacity = new CloudCapacitySource(Compute, FleetOptions.ResourceGroup, FleetOptions.Sizes, TimeProvider.System, TimeSpan.FromSeconds(2));
        Agents = new FleetAgents(Fleet, capacity, sender, Clock);
        _agentsRun = Task.Run(() => Agents.RunAsync(_stopAgents.Token), CancellationToken.None);
        Step(string.Create(CultureInfo.InvariantCulture, $"clock     {Clock.ToSpec()} ({Settings.Speed:0.#}x: a simulated day every {TimeSpan.FromDays(1) / Settings.Speed:m\\:ss})"));
    }

    /// <summary>
    /// The default catalogue with room for the fleet: a core quota of at least four 16-core VMs per server and as many
    /// VMs of each size as servers, so that quota is a constraint the product meets only with a big fleet.
    /// </summary>
    public static CloudCatalog Catalog(int servers)
    {
        var catalog = CloudCatalog.Default();
        return new CloudCatalog
        {
            Sizes = catalog.Sizes,
            LatencyMs = catalog.LatencyMs,
            Regions = [.. catalog.Regions.Select(r => new CloudRegion
            {
                Name = r.Name,
                DisplayName = r.DisplayName,
                PriceMultiplier = r.PriceMultiplier,
                CoreQuota = Math.Max(r.CoreQuota, servers * 16 * 4),
                Capacity = r.Capacity.ToDictionary(c => c.Key, c => Math.Max(c.Value, servers), StringComparer.OrdinalIgnoreCase),
            })],
        };
    }

    /// <summary>Writes a timer's invocation (and any failed one) with the app's <c>Logs</c> to the host log, as the Functions host does; then passes it on.</summary>
    private void LogInvocation(string function, InvocationOutcome outcome)
    {
        if (!outcome.Succeeded || function != PredictiveMigration.Functions.Hosting.FunctionCatalog.IngestMetrics)
        {
            var lines = SandboxMonitor.InvocationLogs(outcome.Body);
            var logs = lines.Count > 0 ? string.Join(" | ", lines) : outcome.Body.Length > 300 ? outcome.Body[..300] : outcome.Body;
            _invocationLog?.Log(outcome.Succeeded ? LogLevel.Information : LogLevel.Warning, "{Function} {Status}{Error}: {Logs}", function, outcome.StatusCode, outcome.Error is null ? "" : " " + outcome.Error, logs);
        }

        OnInvocation?.Invoke(function, outcome);
    }

    /// <summary>The timer schedules of the sandbox (simulated time): forecasts every 15 minutes (5 in Azure; at 288x that would be a run every real second), the controller every 5 minutes (1 in Azure), retraining every 6 hours from 05:00 (once a day of history precedes the 4-hour held-out tail).</summary>
    private static Dictionary<string, string?> AppSchedules() => new()
    {
        ["ForecastSchedule"] = "0 */15 * * * *",
        ["RetrainSchedule"] = "0 0 5,11,17,23 * * *",
        ["ControllerSchedule"] = "0 */5 * * * *",
    };

    private async Task ProvisionFleetAsync(global::Azure.ResourceManager.ArmClient arm, string endpointHost, CancellationToken ct)
    {
        var traffic = new ArmTrafficManager(arm, Subscription);
        var disks = Path.Combine(Settings.WorkDirectory, "disks");
        using var gate = new SemaphoreSlim(8);
        var tasks = Fleet.Servers.Select(async server =>
        {
            await gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                // A small disk image per server, different per server: what replication copies.
                var disk = Path.Combine(disks, server.ServerId + ".img");
                var bytes = new byte[1024 * 1024];
                new Random(HashCode.Combine(Settings.Seed, server.Index)).NextBytes(bytes);
                await File.WriteAllBytesAsync(disk, bytes, ct).ConfigureAwait(false);
                var endpoint = $"{endpointHost}/{server.ServerId}";
                var profile = "tm-" + server.ServerId;
                var vm = await Compute.CreateOrUpdateVmAsync(new VmSpec(FleetOptions.ResourceGroup, server.ServerId, FleetOptions.Region, server.InitialSize, new Dictionary<string, string>
                {
                    [CloudCapacitySource.ServerTag] = server.ServerId,
                    ["pm-disk"] = disk,
                    ["pm-traffic-profile"] = profile,
                    ["pm-endpoint"] = endpoint,
                    ["pm-environment"] = "prod",
                    ["pm-workload"] = server.Kind.ToString(),
                }), ct).ConfigureAwait(false);
                if (!vm.IsSuccess)
                {
                    throw new InvalidOperationException($"creating the VM of {server.ServerId}: {vm.Failure}");
                }

                var weights = await traffic.SetWeightsAsync(FleetOptions.ResourceGroup, profile, [new WeightedEndpoint(server.ServerId, endpoint, 1000)], ct).ConfigureAwait(false);
                if (!weights.IsSuccess)
                {
                    throw new InvalidOperationException($"creating the traffic profile of {server.ServerId}: {weights.Failure}");
                }
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    private void StartApp(string appDll, string storage, string endpointHost)
    {
        if (!File.Exists(appDll))
        {
            throw new InvalidOperationException($"the Functions app is not built beside the CLI ({appDll})");
        }

        var replication = Path.Combine(Settings.WorkDirectory, "replication");
        var args = new List<string>
        {
            appDll,
            "--urls", AppUrl.ToString().TrimEnd('/'),
            "--AzureWebJobsStorage", storage,
            "--" + AcceleratedTimeProvider.SettingName, Clock.ToSpec(),
            "--ApiKey", ApiKey,
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:PredictiveMigration=Information",
            $"--Arm:SubscriptionId={Subscription}",
            $"--Arm:Endpoint={Cloud.Endpoint}",
            $"--Arm:Thumbprint={Cloud.Thumbprint}",
            $"--Arm:PricesEndpoint={new Uri(Cloud.Endpoint, "retail/prices")}",
            $"--Migrations:ResourceGroups={FleetOptions.ResourceGroup}",
            $"--Migrations:Regions={FleetOptions.Region}",
            $"--Migrations:TrafficResourceGroup={FleetOptions.ResourceGroup}",
            "--Migrations:HealthProbeScheme=http",
            "--Retrain:Holdout=04:00:00",
            // 30 simulated minutes are 6 real seconds at 288x: a machine busy for that long would make the fleet
            // look silent to RunForecasts. Three hours keeps a lagging ingestion from emptying the forecasts.
            "--Forecasting:ActiveWindow=03:00:00",
            $"--Migrations:TargetEndpointTemplate={endpointHost}/{{vm}}",
            "--Migrations:ApprovalEnvironments=",
            "--Migrations:RollbackWindow=00:00:00",
            "--Migrations:MaxConcurrent=10",
            $"--Replication:StateDirectory={replication}",
            $"--DurableBackend:TaskHubName={TaskHub}",
        };
        foreach (var (name, schedule) in AppSchedules())
        {
            args.Add($"--{name}={schedule}");
        }

        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        AppLogPath = Path.Combine(Settings.WorkDirectory, "logs", "app.log");
        var writer = new StreamWriter(AppLogPath, append: false) { AutoFlush = true };
        var gate = new object();
        _app = Process.Start(info) ?? throw new InvalidOperationException("could not start the Functions app");
        void Write(string? line)
        {
            if (line is not null)
            {
                lock (gate)
                {
                    writer.WriteLine(line);
                }
            }
        }

        _app.OutputDataReceived += (_, e) => Write(e.Data);
        _app.ErrorDataReceived += (_, e) => Write(e.Data);
        _app.BeginOutputReadLine();
        _app.BeginErrorReadLine();
        _app.EnableRaisingEvents = true;
        _app.Exited += (_, _) =>
        {
            lock (gate)
            {
                writer.Dispose();
            }
        };
    }

    /// <summary>
    /// Events the app has taken in, each counted once: the sum over the hub's partitions of the ingestion trigger's
    /// checkpoint (sequence numbers from 0). A batch delivered again after a failed invocation is not counted twice.
    /// </summary>
    public long EventsIngested => Host.EventHub.GetPartitions(EventHubName)
        .Sum(p => Host.Checkpoint(PredictiveMigration.Functions.Hosting.FunctionCatalog.IngestMetrics, p.Id) + 1);

    /// <summary>Whether the app process is still alive (it is watched by the progress loop).</summary>
    public bool AppRunning => _app is { HasExited: false };

    public int? AppExitCode => _app is { HasExited: true } p ? p.ExitCode : null;

    /// <summary>Stops the agents (flushing what they hold) so the report reads a settled fleet.</summary>
    public async Task StopAgentsAsync()
    {
        await _stopAgents.CancelAsync().ConfigureAwait(false);
        if (_agentsRun is not null)
        {
            await _agentsRun.ConfigureAwait(false);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Step(string text) => _log.WriteLine("  " + text);

    public async ValueTask DisposeAsync()
    {
        await StopAgentsAsync().ConfigureAwait(false);
        _stopAgents.Dispose();
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            try
            {
                await _owned[i].DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or ObjectDisposedException)
            {
                _log.WriteLine($"  (stopping {_owned[i].GetType().Name}: {ex.Message})");
            }

            if (_owned[i] is LocalTriggerHost)
            {
                // Nothing calls the app any more: stop it before the storage and cloud it uses.
                await StopAppAsync().ConfigureAwait(false);
            }
        }

        await StopAppAsync().ConfigureAwait(false);
        _eventHubHttp?.Dispose();
        _hostLogs?.Dispose();
    }

    private async Task StopAppAsync()
    {
        if (_app is null)
        {
            return;
        }

        if (!_app.HasExited)
        {
            _app.Kill(entireProcessTree: true);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _app.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        _app.Dispose();
        _app = null;
    }
}
