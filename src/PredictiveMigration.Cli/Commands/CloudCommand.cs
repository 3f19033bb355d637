using System.Globalization;
using PredictiveMigration.Sandbox.Azurite;
using PredictiveMigration.Sandbox.Cloud;

namespace PredictiveMigration.Cli.Commands;

/// <summary>
/// <c>pm cloud [--port 0] [--state FILE] [--duration 1m]</c>: runs the sandbox cloud on its own, for exploring it with
/// the Azure SDK or curl; prints its endpoint and certificate thumbprint.
/// </summary>
internal static class CloudCommand
{
    public static async Task<int> RunAsync(CommandLine line, CancellationToken cancellationToken)
    {
        var port = line.Int("port", 0, 0, 65535);
        var state = line.String("state") ?? Path.Combine(RepositoryRoot.Find() ?? Directory.GetCurrentDirectory(), ".sandbox", "cloud.json");
        var duration = line.Duration("duration");
        line.RejectUnknown();

        await using var cloud = await SandboxCloud.StartAsync(new CloudOptions { Port = port, StatePath = state }, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        var pem = Path.ChangeExtension(state, ".crt");
        await File.WriteAllTextAsync(pem, cloud.Certificate.ExportCertificatePem(), cancellationToken).ConfigureAwait(false);
        Console.WriteLine("PredictiveMigration sandbox cloud (Azure Resource Manager subset)");
        Console.WriteLine($"  endpoint    {cloud.Endpoint}");
        Console.WriteLine($"  thumbprint  {cloud.Thumbprint}");
        Console.WriteLine($"  certificate {pem}");
        Console.WriteLine($"  state       {state}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  try: curl --cacert {pem} -H 'Authorization: Bearer x' '{cloud.Endpoint}subscriptions/00000000-0000-0000-0000-000000000001?api-version=2022-12-01'"));
        Console.WriteLine("  SDK: ArmClientFactory.ForSandbox(endpoint, thumbprint, subscriptionId)");
        try
        {
            await Task.Delay(duration ?? Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        return 0;
    }
}
