using System.Net.Http.Json;
using System.Net.Security;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Azure.ResourceManager;
using Azure.ResourceManager.Resources;
using PredictiveMigration.Azure.Arm;
using PredictiveMigration.Azure.Connectors;
using PredictiveMigration.Azure.Migrations;
using PredictiveMigration.Domain.Cloud;
using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Durable;
using PredictiveMigration.Durable.Storage.Backend;
using PredictiveMigration.Durable.Storage.Client;
using PredictiveMigration.Sandbox.Cloud;
using PredictiveMigration.Sandbox.Traffic;
using PredictiveMigration.Testing;
using PredictiveMigration.Workflows.CrashHost;
using PredictiveMigration.Workflows.Migrations;

namespace PredictiveMigration.Workflows.Tests.Integration;

/// <summary>
/// Everything a migration touches, for real and on this machine: the sandbox cloud over HTTPS (with a small region
/// <see cref="TightRegion"/> of 4 vCPUs and a region <see cref="ScarceRegion"/> holding one D4s_v3), the YARP traffic
/// proxy with one source and one target backend per server under continuous load, disk images as files, the
/// migration store and reservation ledger on Azurite, and a durable client on the task hub. The workflow host itself
/// (routes + development backend) runs in process (<see cref="StartHostAsync"/>) or as the crash host process.
/// </summary>
internal sealed class MigrationSandbox : IAsyncDisposable
{
    public const string Subscription = "00000000-0000-0000-0000-0000000000e2";
    public const string Group = "rg-mig";
    public const string Region = "westeurope";
    public const string TightRegion = "tightregion";
    public const string ScarceRegion = "scarceregion";
    public const string SourceSize = "Standard_D2s_v3";
    public const string TargetSize = "Standard_D4s_v3";

    private readonly List<IAsyncDisposable> _owned = [];
    private readonly List<LoadLoop> _loads = [];
    private readonly HttpClient _cloudAdmin;

    private MigrationSandbox(SandboxCloud cloud, ArmClient arm, SandboxTrafficProxy proxy, WorkflowHostSettings settings, string directory)
    {
        Cloud = cloud;
        Arm = arm;
        Proxy = proxy;
        Settings = settings;
        Directory = directory;
        Compute = new ArmCompute(arm, Subscription);
        ProxyHttp = new HttpClient { BaseAddress = proxy.Endpoint };
        Router = new SandboxTrafficRouter(ProxyHttp);
        var tables = new TableServiceClient(settings.StorageConnection);
        Store = new TableMigrationStore(tables, settings.MigrationsTable);
        Reservations = new TableCapacityReservations(tables, settings.ReservationsTable);
        Connectors = new TableConnectorStore(new ConnectorTables(tables, WorkflowHost.ConnectorStorage(settings)));
        Client = new DevelopmentDurableClient(new DurableBackendOptions { ConnectionString = settings.StorageConnection, TaskHubName = settings.TaskHub, PollInterval = TimeSpan.FromMilliseconds(100) });
        var thumbprint = cloud.Thumbprint;
        _cloudAdmin = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && string.Equals(certificate.GetCertHashString(), thumbprint, StringComparison.OrdinalIgnoreCase),
            },
        })
        { BaseAddress = cloud.Endpoint };
    }

    public static JsonSerializerOptions Json { get; } = new DurableTaskOptions().SerializerOptions;

    public SandboxCloud Cloud { get; }

    public ArmClient Arm { get; }

    public ArmCompute Compute { get; }

    public SandboxTrafficProxy Proxy { get; }

    public HttpClient ProxyHttp { get; }

    public SandboxTrafficRouter Router { get; }

    public TableMigrationStore Store { get; }

    public TableCapacityReservations Reservations { get; }

    /// <summary>The connector store the host's <c>RecordMigrationObservation</c> writes to.</summary>
    public TableConnectorStore Connectors { get; }

    public DevelopmentDurableClient Client { get; }

    public WorkflowHostSettings Settings { get; }

    /// <summary>Disk images (sources and targets) and the replication state below it.</summary>
    public string Directory { get; }

    public static async Task<MigrationSandbox> StartAsync(StorageFixture storage, CancellationToken cancellationToken)
    {
        string connection = storage.Require();
        var defaults = CloudCatalog.Default();
        var sizes = defaults.Sizes.ToDictionary(s => s.Name, _ => 50, StringComparer.OrdinalIgnoreCase);
        var catalog = new CloudCatalog
        {
            Sizes = defaults.Sizes,
            Regions =
            [
                .. defaults.Regions,
                new CloudRegion { Name = TightRegion, DisplayName = "Tight", CoreQuota = 4, Capacity = new(sizes, StringComparer.OrdinalIgnoreCase) },
                new CloudRegion { Name = ScarceRegion, DisplayName = "Scarce", CoreQuota = 100, Capacity = new(StringComparer.OrdinalIgnoreCase) { [TargetSize] = 1 } },
            ],
            LatencyMs = defaults.LatencyMs,
        };
        var cloud = await SandboxCloud.StartAsync(new CloudOptions { OperationDuration = TimeSpan.FromMilliseconds(20), Catalog = catalog }, TimeProvider.System, cancellationToken);
        var arm = ArmClientFactory.ForSandbox(cloud.Endpoint, cloud.Thumbprint, Subscription, maxRetries: 0);
        var sub = await arm.GetDefaultSubscriptionAsync(cancellationToken);
        await sub.GetResourceGroups().CreateOrUpdateAsync(WaitUntil.Completed, Group, new ResourceGroupData(AzureLocation.WestEurope), cancellationToken);
        var proxy = await SandboxTrafficProxy.StartAsync(new SandboxTrafficProxyOptions { RequestTimeout = TimeSpan.FromSeconds(5) }, TimeProvider.System, cancellationToken);
        var directory = Path.Combine(Path.GetTempPath(), "pm-e2-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "replication"));
        var settings = new WorkflowHostSettings(
            connection,
            UniqueNames.Table("mighub"),
            UniqueNames.Table("migrations"),
            UniqueNames.Table("reservations"),
            cloud.Endpoint,
            cloud.Thumbprint,
            Subscription,
            proxy.Endpoint,
            Path.Combine(directory, "replication"));
        return new MigrationSandbox(cloud, arm, proxy, settings, directory);
    }

    /// <summary>Starts the workflow host (routes + development backend) in this process.</summary>
    public async Task<WorkflowHost> StartHostAsync(CancellationToken cancellationToken)
    {
        var host = await WorkflowHost.StartAsync(Settings, null, cancellationToken);
        _owned.Add(host);
        return host;
    }

    /// <summary>
    /// A server to move: its source VM in the cloud, its disk image (256 KiB of random data), a source and a target
    /// backend behind its traffic profile (the source alone at first), continuous load through the proxy, and a
    /// decision (one target at <see cref="TargetSize"/>; steps 50 → 100 %, bake 1 s, RPO 10 s, no rollback window).
    /// </summary>
    public async Task<Migration> PrepareAsync(string server, CancellationToken cancellationToken, string targetRegion = Region, string targetSize = TargetSize, int targetCores = 4)
    {
        var sourceVm = await Compute.CreateOrUpdateVmAsync(new VmSpec(Group, server + "-vm", Region, SourceSize, new Dictionary<string, string> { ["pm-role"] = "source" }), cancellationToken);
        Assert.True(sourceVm.IsSuccess, $"source VM: {sourceVm.Failure}");
        var sourceDisk = Path.Combine(Directory, server + ".img");
        var bytes = new byte[256 * 1024];
        Random.Shared.NextBytes(bytes);
        await File.WriteAllBytesAsync(sourceDisk, bytes, cancellationToken);

        var source = await SandboxBackend.StartAsync(new SandboxBackendOptions { Name = server + "-source" }, TimeProvider.System, cancellationToken);
        var target = await SandboxBackend.StartAsync(new SandboxBackendOptions { Name = server + "-target" }, TimeProvider.System, cancellationToken);
        _owned.Add(source);
        _owned.Add(target);
        var profile = "tm-" + server;
        var initial = await Router.SetWeightsAsync(Group, profile, [new WeightedEndpoint(server + "-vm", source.Endpoint.ToString(), 1000)], cancellationToken);
        Assert.True(initial.IsSuccess, $"profile: {initial.Failure}");
        var load = LoadLoop.Start(new HttpClient { BaseAddress = Proxy.ProfileUri(profile), Timeout = TimeSpan.FromSeconds(10) });
        _loads.Add(load);

        var now = TimeProvider.System.GetUtcNow();
        var id = $"mig-{server}-{Guid.NewGuid().ToString("N")[..6]}";
        var targetVm = $"{server}-vm-m{Guid.NewGuid().ToString("N")[..8]}";
        var decision = new MigrationDecision(
            id,
            server,
            "integration test",
            MigrationStrategy.Migrate,
            new MigrationSource(server, Group, server + "-vm", Region, SourceSize, 2, sourceDisk, profile, source.Endpoint.ToString(), "test"),
            [new MigrationTarget(0, Group, targetVm, targetRegion, Path.Combine(Directory, targetVm + "-disk.img"), target.Endpoint.ToString(), [new SizingPhase(now, targetSize, targetCores)])],
            new MigrationSla(MinSuccessRate: 0.99, MaxP95LatencyMs: 500, MinRequests: 1),
            ApprovalRequired: false,
            ApprovalTimeout: TimeSpan.FromMinutes(10),
            DryRun: false,
            TrafficSteps: [50, 100],
            BakeTime: TimeSpan.FromSeconds(1),
            Rpo: TimeSpan.FromSeconds(10),
            MaxReplicationCycles: 3,
            ReplicationInterval: TimeSpan.FromMilliseconds(200),
            RollbackWindow: TimeSpan.Zero,
            NotBefore: null,
            Deadline: null,
            RiskScore: 80,
            CandidateSource: CandidateSource.Forecast,
            DecidedAt: now,
            Explanation: "integration test");
        return new Migration(decision, source, target, load);
    }

    public Task StartAsync(MigrationDecision decision, CancellationToken cancellationToken) =>
        Client.StartNewAsync(MigrationOrchestrator.Name, JsonSerializer.Serialize(decision, Json), decision.MigrationId, cancellationToken);

    /// <summary>Waits for the orchestration's end and returns its outcome (the orchestration itself must complete).</summary>
    public async Task<MigrationOutcome> WaitAsync(string id, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var result = await Client.WaitForCompletionAsync(id, timeout, cancellationToken);
        Assert.True(result.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{id}: {result.RuntimeStatus} {result.FailureDetails?.ErrorMessage}");
        return JsonSerializer.Deserialize<MigrationOutcome>(result.SerializedOutput!, Json)!;
    }

    /// <summary>Polls the custom status until <paramref name="until"/> holds.</summary>
    public async Task<MigrationStatusView> WaitForStatusAsync(string id, Func<MigrationStatusView, bool> until, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            var status = await Client.GetStatusAsync(id, includeInputsAndOutputs: true, cancellationToken);
            if (status?.SerializedCustomStatus is { Length: > 0 } json && JsonSerializer.Deserialize<MigrationStatusView>(json, Json) is { } view && until(view))
            {
                return view;
            }

            Assert.False(status?.IsCompleted == true, $"{id} finished ({status?.SerializedOutput}) before the awaited status");
            await Task.Delay(50, cancellationToken);
        }

        throw new TimeoutException($"{id}: the awaited status did not come within {timeout}");
    }

    /// <summary><c>POST /admin/faults</c> on the sandbox cloud.</summary>
    public async Task AddFaultAsync(CloudFault fault, CancellationToken cancellationToken)
    {
        using var response = await _cloudAdmin.PostAsJsonAsync("admin/faults", fault, new JsonSerializerOptions(JsonSerializerDefaults.Web), cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"admin/faults answered {(int)response.StatusCode}");
    }

    /// <summary>The injected faults still pending.</summary>
    public async Task<IReadOnlyList<CloudFault>> FaultsAsync(CancellationToken cancellationToken) =>
        await _cloudAdmin.GetFromJsonAsync<List<CloudFault>>("admin/faults", new JsonSerializerOptions(JsonSerializerDefaults.Web), cancellationToken) ?? [];

    /// <summary>The audit, see <see cref="InventoryAudit"/>.</summary>
    public Task<IReadOnlyList<string>> AuditAsync(Migration migration, MigrationStatus status, CancellationToken cancellationToken) =>
        InventoryAudit.RunAsync(this, migration, status, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        foreach (var load in _loads)
        {
            await load.DisposeAsync();
        }

        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }

        ProxyHttp.Dispose();
        _cloudAdmin.Dispose();
        await Proxy.DisposeAsync();
        await Cloud.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A crash host may still hold a file for a moment; the temp folder is cleaned by the OS later.
        }
    }
}

/// <summary>A prepared migration: the decision, the backends standing for the source and target VMs, and the load on its profile.</summary>
internal sealed record Migration(MigrationDecision Decision, SandboxBackend Source, SandboxBackend Target, LoadLoop Load)
{
    public string Id => Decision.MigrationId;

    public MigrationTarget Target0 => Decision.Targets[0];
}
