using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PredictiveMigration.Domain.Connectors;
using PredictiveMigration.Domain.Connectors.Api;
using PredictiveMigration.Functions.Connectors;
using PredictiveMigration.Workflows.Connectors;

namespace PredictiveMigration.Functions.Tests.Connectors;

public sealed class ConnectorServicesTests
{
    private static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    [Fact]
    public void AddConnectorServices_Settings_AreBoundAndResolvable()
    {
        var services = new ServiceCollection()
            .AddSingleton(new TableServiceClient("UseDevelopmentStorage=true"))
            .AddConnectorServices(Config(("Connectors:Regions", "westeurope, northeurope"), ("Connectors:MinCandidateRisk", "70"), ("Connectors:DefaultDataGb", "250"), ("Connectors:ObservationDays", "14")));
        using var sp = services.BuildServiceProvider();

        var workflow = sp.GetRequiredService<ConnectorWorkflowOptions>();
        var placement = sp.GetRequiredService<ConnectorPlacement>();

        Assert.Equal((70, 250_000_000_000L, TimeSpan.FromDays(14)), (workflow.MinCandidateRisk, workflow.DefaultDataBytes, workflow.ObservationWindow));
        Assert.Equal("westeurope", placement.RegionFor("westeurope")!.Value.Region);
        Assert.Null(placement.RegionFor("eastus")); // no latency table registered: only the allowed regions themselves
        Assert.NotNull(sp.GetRequiredService<ManualScaler>());
        Assert.NotNull(sp.GetRequiredService<IScaleRequestLog>());
        Assert.NotNull(sp.GetRequiredService<ConnectorResourceOptions>());
        Assert.Contains(services, d => d.ServiceType == typeof(IConnectorActuator));
        Assert.Contains(services, d => d.ServiceType == typeof(ConnectorActionRunner));
    }

    [Theory]
    [InlineData("Connectors:MinCandidateRisk", "150")]
    [InlineData("Connectors:DefaultDataGb", "lots")]
    [InlineData("Connectors:Regions", "west europe")]
    [InlineData("ConnectorStorage:ScaleRequestTable", "1bad")]
    public void AddConnectorServices_BadSetting_FailsNamingIt(string key, string value)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddConnectorServices(Config((key, value))));

        Assert.Contains(key, ex.Message, StringComparison.Ordinal);
    }
}
