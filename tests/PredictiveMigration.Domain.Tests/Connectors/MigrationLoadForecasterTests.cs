using PredictiveMigration.Domain.Connectors;
using static PredictiveMigration.Domain.Tests.Connectors.ConnectorScenario;

namespace PredictiveMigration.Domain.Tests.Connectors;

public class MigrationLoadForecasterTests
{
    [Fact]
    public void Forecast_ScheduledMigration_OccupiesTheBucketsOfDataOverRate()
    {
        // 180 GB at 100 MB/s = 1800 s: 10:00-10:30, two 15-minute buckets.
        var forecast = Forecaster().Forecast(Nine, [new MigrationLoadItem("m1", "westeurope", 180 * Gb, Nine.AddHours(1), Nine.AddHours(5))]);

        var buckets = forecast.BucketsOf("westeurope");
        Assert.Equal(24, buckets.Count);
        Assert.Equal(Nine, forecast.From);
        var busy = buckets.Where(b => b.UpperTasks > 0).ToList();
        Assert.Equal([Nine.AddMinutes(60), Nine.AddMinutes(75)], busy.Select(b => b.Start));
        Assert.All(busy, b => Assert.Equal((1, 100.0, 1.0), (b.UpperTasks, b.UpperMBps, b.ExpectedTasks)));
        Assert.Equal(180 * Gb, busy[0].StartingBytes);
        Assert.Equal(TimeSpan.FromMinutes(30), forecast.Migrations.Single().ExpectedDuration);
    }

    [Fact]
    public void Forecast_PredictedMigration_CountsFullyInTheUpperBoundAndByProbabilityInTheExpectation()
    {
        var item = new MigrationLoadItem("p1", "westeurope", 90 * Gb, Nine.AddHours(1), Nine.AddHours(5), Probability: 0.25);

        var bucket = Forecaster().Forecast(Nine, [item]).BucketsOf("westeurope").Single(b => b.Start == Nine.AddHours(1));

        Assert.Equal((1, 0.25, 100, 25), (bucket.UpperTasks, bucket.ExpectedTasks, bucket.UpperMBps, bucket.ExpectedMBps));
    }

    [Fact]
    public void Forecast_StartInThePast_StartsNowAndBucketsAreFlooredToTheBucketSize()
    {
        var now = Nine.AddMinutes(7);

        var forecast = Forecaster().Forecast(now, [new MigrationLoadItem("late", "westeurope", 90 * Gb, Nine.AddHours(-2), Nine.AddHours(4))]);

        Assert.Equal(Nine, forecast.From);
        Assert.Equal(now, forecast.Migrations.Single().Start);
        Assert.Equal([Nine, Nine.AddMinutes(15)], forecast.BucketsOf("westeurope").Where(b => b.UpperTasks > 0).Select(b => b.Start));
    }

    [Fact]
    public void Forecast_SourceWithoutConnectorRegion_IsCarriedByTheNearestRegion()
    {
        var forecaster = Forecaster(regions: ["northeurope", "eastus"]);

        var forecast = forecaster.Forecast(Nine, [new MigrationLoadItem("m", "westeurope", 90 * Gb, Nine, Nine.AddHours(4))]);

        Assert.Equal(["northeurope"], forecast.Regions.Select(r => r.Region));
        Assert.Equal(("northeurope", 18.0), (forecast.Migrations.Single().ConnectorRegion, forecast.Migrations.Single().LatencyMs));
    }

    [Fact]
    public void Forecast_Window_IsTheEarlierOfDeadlineAndMaxTransferTime()
    {
        var forecast = Forecaster().Forecast(Nine, [
            new MigrationLoadItem("tight", "westeurope", 90 * Gb, Nine, Nine.AddMinutes(30)),
            new MigrationLoadItem("loose", "westeurope", 90 * Gb, Nine, Nine.AddDays(3)),
        ]);

        Assert.Equal(TimeSpan.FromMinutes(30), forecast.Migrations.Single(m => m.MigrationId == "tight").Window);
        Assert.Equal(TimeSpan.FromHours(4), forecast.Migrations.Single(m => m.MigrationId == "loose").Window);
    }

    [Fact]
    public void Options_BucketBelowAMinute_FailsNamingTheSetting()
    {
        var ex = Assert.Throws<ArgumentException>(() => new MigrationLoadForecaster(ConstantRate(100), ConnectorPlacement.Anywhere(Latency), new LoadForecastOptions { BucketSize = TimeSpan.FromSeconds(10) }));

        Assert.Equal("BucketSize", ex.ParamName);
    }
}
