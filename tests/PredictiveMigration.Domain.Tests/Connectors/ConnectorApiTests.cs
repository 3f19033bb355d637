using PredictiveMigration.Domain.Connectors;
using PredictiveMigration.Domain.Connectors.Api;
using static PredictiveMigration.Domain.Tests.Connectors.ConnectorScenario;

namespace PredictiveMigration.Domain.Tests.Connectors;

public class ConnectorApiTests
{
    private static readonly ConnectorResourceEstimator Estimator = new(Forecaster(regions: ["northeurope", "eastus"]));
    private static readonly ManualScaler Scaler = new(new ConnectorPlanOptions { MaxConnectorsPerRegion = 3 });

    private static readonly Connector[] Fleet =
    [
        new("pmconn-westeurope-01", "westeurope", "Standard_D4s_v3", ConnectorState.Active, 400, 4, ["m1", "m2"], Nine),
        new("pmconn-westeurope-02", "westeurope", "Standard_D4s_v3", ConnectorState.Active, 400, 4, [], Nine),
        new("pmconn-westeurope-03", "westeurope", "Standard_D2s_v3", ConnectorState.Warm, 0, 0, [], Nine),
    ];

    [Fact]
    public void Forecast_ValidRequest_PredictsResourcesAndDurationWithBounds()
    {
        // 360 GB at 100 MB/s: 1 h; the 4 h SLA window only needs 25 MB/s, so the median rate sets the bandwidth.
        var result = Estimator.Forecast(new ForecastRequest("m9", "westeurope", 360 * Gb), Nine);

        Assert.True(result.IsValid);
        var r = result.Value!;
        Assert.Equal(("northeurope", 18.0, "Standard_D4s_v3", 1), (r.ConnectorRegion, r.LatencyMs, r.ConnectorSize, r.Connectors));
        Assert.Equal((1, 3.0, 100.0), (r.CpuCores, r.MemoryGb, r.BandwidthMBps));
        Assert.Equal(30.0, r.StorageGb, 1);
        Assert.Equal(new DurationBounds(3600, 3600, 3600), r.Duration);
        Assert.Equal((Nine, 4 * 3600.0, true), (r.Start, r.WindowSeconds, r.MeetsDeadline));
        Assert.Empty(r.Bottlenecks);
    }

    [Fact]
    public void Forecast_TightDeadline_RaisesBandwidthAndReportsTheBottleneck()
    {
        var result = Estimator.Forecast(new ForecastRequest(null, "eastus", 360 * Gb, Nine, Nine.AddMinutes(30)), Nine);

        var r = result.Value!;
        Assert.Equal((200.0, 2, false), (r.BandwidthMBps, r.CpuCores, r.MeetsDeadline));
        Assert.Equal(BottleneckKind.DeadlineImpossible, Assert.Single(r.Bottlenecks).Kind);
    }

    [Theory]
    [InlineData(null, 10L, null, null, "sourceRegion")]
    [InlineData("west europe", 10L, null, null, "sourceRegion")]
    [InlineData("westeurope", null, null, null, "dataBytes")]
    [InlineData("westeurope", 0L, null, null, "dataBytes")]
    [InlineData("westeurope", 10L, -30, null, "deadline")]
    [InlineData("westeurope", 10L, null, 11L, "finalDeltaBytes")]
    public void Forecast_BadRequest_NamesTheField(string? region, long? bytes, int? deadlineMinutes, long? delta, string field)
    {
        var request = new ForecastRequest(null, region, bytes, Nine, deadlineMinutes is { } m ? Nine.AddMinutes(m) : null, delta);

        var result = Estimator.Forecast(request, Nine);

        Assert.False(result.IsValid);
        Assert.Null(result.Value);
        Assert.Equal(field, Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void Scale_ProvisionWithinTheLimit_NamesTheNextFreeIds()
    {
        var result = Scaler.Plan(new ScaleRequest("provision", "NorthEurope", 2, Reason: "exercise"), Fleet);

        Assert.Equal(["pmconn-northeurope-01", "pmconn-northeurope-02"], result.Value!.Actions.Select(a => a.ConnectorId));
        Assert.All(result.Value.Actions, a => Assert.Equal((ConnectorActionKind.Provision, "manual: exercise"), (a.Kind, a.Reason)));
    }

    [Theory]
    [InlineData("resize", null, null, null, "operation")]
    [InlineData(null, null, null, null, "operation")]
    [InlineData("provision", null, 1, null, "region")]
    [InlineData("provision", "westeurope", 0, null, "count")]
    [InlineData("provision", "westeurope", 1, null, "count")]
    [InlineData("scaleDown", "westeurope", 2, null, "count")]
    [InlineData("scaleDown", null, 1, null, "region")]
    [InlineData("scaleUp", null, null, null, "connectorId")]
    [InlineData("decommission", null, null, "pmconn-nowhere-01", "connectorId")]
    [InlineData("drain", null, null, "pmconn-westeurope-03", "connectorId")]
    public void Scale_BadRequest_NamesTheField(string? operation, string? region, int? count, string? connectorId, string field)
    {
        var result = Scaler.Plan(new ScaleRequest(operation, region, count, connectorId), Fleet);

        Assert.False(result.IsValid);
        Assert.Equal(field, result.Errors[0].Field);
    }

    [Theory]
    [InlineData("scaleDown")]
    [InlineData("decommission")]
    public void Scale_BusyConnector_IsRefusedWithAHintToDrain(string operation)
    {
        var result = Scaler.Plan(new ScaleRequest(operation, ConnectorId: "pmconn-westeurope-01"), Fleet);

        var error = Assert.Single(result.Errors);
        Assert.Equal("connectorId", error.Field);
        Assert.Contains("carries 2 task(s): drain it first", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scale_DownByRegion_PicksIdleActiveConnectorsAndAskingAgainIsANoOp()
    {
        var byRegion = Scaler.Plan(new ScaleRequest("scaleDown", "westeurope", 1), Fleet);
        var alreadyWarm = Scaler.Plan(new ScaleRequest("scaleDown", ConnectorId: "pmconn-westeurope-03"), Fleet);

        Assert.Equal((ConnectorActionKind.ScaleDown, "pmconn-westeurope-02"), (byRegion.Value!.Actions.Single().Kind, byRegion.Value.Actions.Single().ConnectorId));
        Assert.True(alreadyWarm.IsValid);
        Assert.Empty(alreadyWarm.Value!.Actions);
    }

    [Fact]
    public void List_SummarisesEachRegion()
    {
        var list = ConnectorListResponse.From(Nine, Fleet);

        Assert.Equal(["active", "active", "warm"], list.Connectors.Select(c => c.State));
        Assert.Equal((2, 200.0), (list.Connectors[0].FreeTasks, list.Connectors[0].FreeMBps));
        Assert.Equal(new RegionSummary("westeurope", 2, 1, 0, 6, 800, 600), list.Regions.Single());
    }
}
