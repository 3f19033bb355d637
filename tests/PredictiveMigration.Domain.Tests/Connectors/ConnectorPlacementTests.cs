using PredictiveMigration.Domain.Connectors;
using static PredictiveMigration.Domain.Tests.Connectors.ConnectorScenario;

namespace PredictiveMigration.Domain.Tests.Connectors;

public class ConnectorPlacementTests
{
    [Fact]
    public void RegionFor_SourceWhereConnectorsMayRun_IsTheSourceItself()
    {
        var placement = new ConnectorPlacement(["westeurope", "eastus"], Latency);

        Assert.Equal(("eastus", 1.0), placement.RegionFor("EastUS"));
    }

    [Fact]
    public void RegionFor_SourceWithoutConnectors_PicksTheNearestAllowedRegion()
    {
        var placement = new ConnectorPlacement(["eastus", "northeurope", "westus2"], Latency);

        Assert.Equal(("northeurope", 18.0), placement.RegionFor("westeurope"));
        Assert.Equal(("eastus", 68.0), new ConnectorPlacement(["eastus", "westeurope"], Latency).RegionFor("westus2"));
    }

    [Fact]
    public void RegionFor_NothingWithinTheLatencyLimitOrKnown_IsNull()
    {
        var placement = new ConnectorPlacement(["westus2"], Latency, maxLatencyMs: 100);

        Assert.Null(placement.RegionFor("westeurope"));
        Assert.Null(placement.RegionFor("onprem-paris"));
    }

    [Fact]
    public void Anywhere_EverySourceHostsItsOwnConnectors()
    {
        Assert.Equal(("onprem-paris", 1.0), ConnectorPlacement.Anywhere(Latency).RegionFor("onprem-paris"));
    }
}
