using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PredictiveMigration.Azure.Alerts;
using PredictiveMigration.Domain.Alerts;
using PredictiveMigration.Testing;

namespace PredictiveMigration.Azure.Tests.Alerts;

/// <summary>The hosted service delivers on its own once the host runs: publishing wakes it.</summary>
public class AlertDeliveryServiceTests(StorageFixture storage)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task HostedService_PublishedAlert_IsDeliveredWithoutAManualPass()
    {
        await using var receiver = await AlertReceiver.StartAsync(Ct);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Alerts:Table"] = UniqueNames.Table("alerts"),
            ["Alerts:PollInterval"] = "00:10:00", // only the wake-up can explain a quick delivery
            ["Alerts:Subscriptions:ops:Url"] = receiver.Url("ops").AbsoluteUri,
        });
        builder.Services.AddSingleton(storage.CreateTableServiceClient());
        builder.Services.AddAlerts(builder.Configuration);
        using var host = builder.Build();
        await host.StartAsync(Ct);
        try
        {
            var publisher = host.Services.GetRequiredService<IAlertPublisher>();
            // The service's first pass may still be initialising; publishing after it starts must wake it.
            var alert = Alert.Migration(AlertKind.MigrationStarted, "mig-1", "web-01", host.Services.GetRequiredService<TimeProvider>().GetUtcNow(), "Moving web-01.");
            await publisher.PublishAsync(alert, Ct);

            while (receiver.For("ops").Count == 0)
            {
                await Task.Delay(20, Ct);
            }

            Assert.Equal(alert.Id, Assert.Single(receiver.For("ops")).Json.GetProperty("id").GetString());
            Assert.Single(host.Services.GetServices<IHostedService>().OfType<AlertDeliveryService>());
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
