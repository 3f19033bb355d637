using System.Globalization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Azure.Identity;
using Azure.ResourceManager;
using Azure.Storage.Blobs;
using PredictiveMigration.Azure.Arm;
using PredictiveMigration.Azure.Migrations;
using PredictiveMigration.Azure.Replication;
using PredictiveMigration.Domain.Cloud;
using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Domain.Placement;
using PredictiveMigration.Durable.Storage.Backend;
using PredictiveMigration.Replication;
using PredictiveMigration.Workflows.Deciding;

namespace PredictiveMigration.Functions.Migrations;

/// <summary>Where the migration side finds its cloud: settings under <c>Arm</c> and <c>Migrations</c>.</summary>
public sealed class MigrationHostOptions
{
    /// <summary>The subscription the app manages (<c>Arm:SubscriptionId</c>).</summary>
    public string SubscriptionId { get; init; } = "";

    /// <summary>The ARM endpoint; empty for Azure's. The sandbox sets its HTTPS endpoint and <see cref="Thumbprint"/>.</summary>
    public string Endpoint { get; init; } = "";

    /// <summary>The sandbox certificate's SHA-1 thumbprint (trusted exactly; only with <see cref="Endpoint"/>).</summary>
    public string Thumbprint { get; init; } = "";

    /// <summary>The Retail Prices endpoint; empty for Azure's.</summary>
    public string PricesEndpoint { get; init; } = "";

    /// <summary>Resource groups whose VMs are managed servers (<c>Migrations:ResourceGroups</c>, comma-separated).</summary>
    public IReadOnlyList<string> ResourceGroups { get; init; } = [];

    /// <summary>Regions placement may use; empty for every region of the subscription.</summary>
    public IReadOnlyList<string> Regions { get; init; } = [];

    public static MigrationHostOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        static IReadOnlyList<string> List(string? text) =>
            (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new MigrationHostOptions
        {
            SubscriptionId = configuration["Arm:SubscriptionId"] ?? "",
            Endpoint = configuration["Arm:Endpoint"] ?? "",
            Thumbprint = configuration["Arm:Thumbprint"] ?? "",
            PricesEndpoint = configuration["Arm:PricesEndpoint"] ?? "",
            ResourceGroups = List(configuration["Migrations:ResourceGroups"]),
            Regions = List(configuration["Migrations:Regions"]),
        };
    }

    internal ArmClient CreateArmClient()
    {
        if (string.IsNullOrWhiteSpace(SubscriptionId))
        {
            throw new InvalidOperationException("Arm:SubscriptionId (app setting Arm__SubscriptionId) is required for migrations");
        }

        if (string.IsNullOrWhiteSpace(Endpoint))
        {
            return ArmClientFactory.ForAzure(new DefaultAzureCredential(), SubscriptionId);
        }

        return string.IsNullOrWhiteSpace(Thumbprint)
            ? throw new InvalidOperationException("Arm:Thumbprint is required with Arm:Endpoint (the sandbox certificate)")
            : ArmClientFactory.ForSandbox(new Uri(Endpoint), Thumbprint, SubscriptionId);
    }
}

/// <summary>Registers the migration side: stores, cloud adapters, controller, replication and the Durable client for local runs.</summary>
public static class MigrationServiceCollectionExtensions
{
    public static IServiceCollection AddMigrations(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var host = MigrationHostOptions.FromConfiguration(configuration);
        var policy = MigrationPolicyBinding.Read(configuration);
        policy.Validate();
        services.AddSingleton(host);
        services.AddSingleton(policy);
        services.AddSingleton(new PlacementPolicy());
        var latency = configuration.GetSection("Migrations:Latency").GetChildren()
            .Where(c => double.TryParse(c.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            .ToDictionary(c => c.Key, c => double.Parse(c.Value!, CultureInfo.InvariantCulture), StringComparer.OrdinalIgnoreCase);
        services.AddSingleton(new RegionLatency(latency));

        services.AddSingleton<IMigrationStore>(sp => new TableMigrationStore(sp.GetRequiredService<global::Azure.Data.Tables.TableServiceClient>()));
        services.AddSingleton<ICapacityReservations>(sp => new TableCapacityReservations(sp.GetRequiredService<global::Azure.Data.Tables.TableServiceClient>()));

        // The cloud: created on first use, so an app without Arm settings still serves everything else.
        services.AddSingleton(sp => sp.GetRequiredService<MigrationHostOptions>().CreateArmClient());
        services.AddSingleton<ICloudCompute>(sp => new ArmCompute(sp.GetRequiredService<ArmClient>(), host.SubscriptionId));
        services.AddSingleton<ICloudInventory>(sp => new ArmInventory(sp.GetRequiredService<ArmClient>(), host.SubscriptionId));
        // The sandbox serves the prices over HTTPS with its own certificate: trust exactly that one, as the ARM client does.
        var prices = services.AddHttpClient(nameof(RetailPriceCatalog));
        if (!string.IsNullOrWhiteSpace(host.Endpoint) && !string.IsNullOrWhiteSpace(host.Thumbprint))
        {
            prices.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                SslOptions = new System.Net.Security.SslClientAuthenticationOptions
                {
                    RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                        certificate is not null && string.Equals(certificate.GetCertHashString(), host.Thumbprint, StringComparison.OrdinalIgnoreCase),
                },
            });
        }

        services.AddSingleton<IPriceCatalog>(sp => new RetailPriceCatalog(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(RetailPriceCatalog)),
            string.IsNullOrWhiteSpace(host.PricesEndpoint) ? RetailPriceCatalog.AzureEndpoint : new Uri(host.PricesEndpoint)));
        services.AddSingleton<ITrafficRouter>(sp => new ArmTrafficManager(sp.GetRequiredService<ArmClient>(), host.SubscriptionId));

        // Replication: disk image files in the sandbox (Replication:StateDirectory), page blobs and their snapshots in Azure.
        var stateDirectory = configuration["Replication:StateDirectory"];
        if (!string.IsNullOrWhiteSpace(stateDirectory))
        {
            services.AddSingleton<IReplicationService>(sp => new FileReplicationService(new ReplicationOptions { StateDirectory = stateDirectory }, sp.GetRequiredService<TimeProvider>()));
        }
        else
        {
            services.AddSingleton<IReplicationService>(sp => new PageBlobReplicationService(
                sp.GetRequiredService<BlobServiceClient>(),
                configuration.GetSection("Replication").Get<PageBlobReplicationOptions>() ?? new PageBlobReplicationOptions(),
                sp.GetRequiredService<TimeProvider>()));
        }

        // Endpoint health: active probes of each endpoint's target host when the profiles' resource group is set;
        // otherwise fail closed (a migration rolls back at its first traffic step instead of shifting unverified).
        if (ProbingEndpointHealthOptions.FromConfiguration(configuration) is { } probing)
        {
            services.AddSingleton(probing);
            services.AddHttpClient(nameof(ProbingEndpointHealth))
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
            services.TryAddSingleton<IEndpointHealth>(sp => new ProbingEndpointHealth(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(ProbingEndpointHealth)),
                sp.GetRequiredService<ITrafficRouter>(),
                probing,
                sp.GetRequiredService<TimeProvider>()));
        }
        else
        {
            services.TryAddSingleton<IEndpointHealth, UnconfiguredEndpointHealth>();
        }

        services.AddSingleton<IServerDirectory, CloudServerDirectory>();
        services.AddSingleton<IPlacementCatalogSource, CloudPlacementCatalog>();
        services.AddSingleton<MigrationControllerFactory>();
        services.AddSingleton<MigrationCommands>();

        // Local runs have no host to hand out a durableClient binding: use the development backend's client.
        var taskHub = configuration["DurableBackend:TaskHubName"];
        if (!string.IsNullOrWhiteSpace(taskHub))
        {
            var storage = configuration["AzureWebJobsStorage"];
            services.AddDurableDevelopmentClient(o =>
            {
                o.ConnectionString = storage;
                o.TaskHubName = taskHub;
            });
        }

        return services;
    }
}
