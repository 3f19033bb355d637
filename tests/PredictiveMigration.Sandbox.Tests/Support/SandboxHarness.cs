using System.Net.Http.Json;
using Azure;
using Azure.Core;
using Azure.ResourceManager;
using Azure.ResourceManager.Resources;
using PredictiveMigration.Azure.Arm;
using PredictiveMigration.Sandbox.Cloud;

namespace PredictiveMigration.Sandbox.Tests.Support;

/// <summary>A sandbox cloud on a free port, an ARM client that trusts exactly its certificate, and a resource group <c>rg</c>.</summary>
internal sealed class SandboxHarness : IAsyncDisposable
{
    private SandboxHarness(SandboxCloud cloud, ArmClient arm, string subscription)
    {
        Cloud = cloud;
        Arm = arm;
        Subscription = subscription;
    }

    public SandboxCloud Cloud { get; }

    public ArmClient Arm { get; }

    public string Subscription { get; }

    public static async Task<SandboxHarness> StartAsync(string subscription, CloudOptions options, CancellationToken cancellationToken)
    {
        var cloud = await SandboxCloud.StartAsync(options, TimeProvider.System, cancellationToken);
        var arm = ArmClientFactory.ForSandbox(cloud.Endpoint, cloud.Thumbprint, subscription, maxRetries: 2);
        var sub = await arm.GetDefaultSubscriptionAsync(cancellationToken);
        await sub.GetResourceGroups().CreateOrUpdateAsync(WaitUntil.Completed, "rg", new ResourceGroupData(AzureLocation.WestEurope), cancellationToken);
        return new SandboxHarness(cloud, arm, subscription);
    }

    public ResourceGroupResource Group => Arm.GetResourceGroupResource(ResourceGroupResource.CreateResourceIdentifier(Subscription, "rg"));

    /// <summary>An HTTP client for the cloud's non-ARM endpoints (prices, admin), trusting exactly its certificate.</summary>
    public HttpClient CreateHttpClient() =>
        new(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, c, _, _) => c!.Thumbprint == Cloud.Thumbprint }) { BaseAddress = Cloud.Endpoint };

    /// <summary>Adds a fault through <c>POST /admin/faults</c> (see <see cref="CloudFault"/>).</summary>
    public async Task InjectAsync(object fault, CancellationToken cancellationToken)
    {
        using var client = CreateHttpClient();
        (await client.PostAsJsonAsync("admin/faults", fault, cancellationToken)).EnsureSuccessStatusCode();
    }

    public ValueTask DisposeAsync() => Cloud.DisposeAsync();
}
