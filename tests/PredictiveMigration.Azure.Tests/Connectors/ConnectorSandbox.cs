using Azure;
using Azure.Core;
using Azure.ResourceManager;
using Azure.ResourceManager.Resources;
using PredictiveMigration.Azure.Arm;
using PredictiveMigration.Sandbox.Cloud;

namespace PredictiveMigration.Azure.Tests.Connectors;

/// <summary>A sandbox cloud on a free loopback port over HTTPS, an ARM client trusting exactly its certificate, and a resource group.</summary>
internal sealed class ConnectorSandbox : IAsyncDisposable
{
    public const string Subscription = "00000000-0000-0000-0000-0000000000c0";
    public const string Group = "pm-connectors";

    private ConnectorSandbox(SandboxCloud cloud, ArmClient arm)
    {
        Cloud = cloud;
        Arm = arm;
        Compute = new ArmCompute(arm, Subscription);
        Inventory = new ArmInventory(arm, Subscription);
    }

    public SandboxCloud Cloud { get; }

    public ArmClient Arm { get; }

    public ArmCompute Compute { get; }

    public ArmInventory Inventory { get; }

    public static async Task<ConnectorSandbox> StartAsync(CancellationToken cancellationToken)
    {
        var cloud = await SandboxCloud.StartAsync(new CloudOptions { OperationDuration = TimeSpan.FromMilliseconds(20) }, TimeProvider.System, cancellationToken);
        var arm = ArmClientFactory.ForSandbox(cloud.Endpoint, cloud.Thumbprint, Subscription, maxRetries: 2);
        var sub = await arm.GetDefaultSubscriptionAsync(cancellationToken);
        await sub.GetResourceGroups().CreateOrUpdateAsync(WaitUntil.Completed, Group, new ResourceGroupData(AzureLocation.WestEurope), cancellationToken);
        return new ConnectorSandbox(cloud, arm);
    }

    public ValueTask DisposeAsync() => Cloud.DisposeAsync();
}
