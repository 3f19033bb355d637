using PredictiveMigration.Domain.Forecasting;
using PredictiveMigration.Forecasting.Service;

namespace PredictiveMigration.Functions.Tests.Forecasting;

/// <summary>The one-server service on synthetic series with known structure (no storage).</summary>
public class ForecastEngineTests
{
    private static readonly DateTimeOffset End = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static ServerHistory History(string id, SyntheticServers.Shape shape, TimeSpan span, int seed = 1) =>
        ServerHistory.FromSeries(id, 4, SyntheticServers.MemoryTotal, SyntheticServers.Series(id, End, span, shape, seed));

    [Fact]
    public void Forecast_ServerRampingTowardsMemoryExhaustion_ScoresHighWithAMemoryReason()
    {
        var engine = new ForecastEngine(new ForecastingOptions());

        var forecast = engine.Forecast(History("ramp", SyntheticServers.MemoryRamp(End), TimeSpan.FromDays(2)), model: null, End)!;

        Assert.True(forecast.Assessment.Score >= 70, $"score {forecast.Assessment.Score}");
        var memory = Assert.Single(forecast.Assessment.Resources, r => r.Resource == ResourceKind.Memory);
        var cpu = Assert.Single(forecast.Assessment.Resources, r => r.Resource == ResourceKind.Cpu);
        Assert.True(memory.Score > cpu.Score);
        Assert.Contains(forecast.Assessment.Reasons, r => r.Resource == ResourceKind.Memory && r.Text.StartsWith("memory forecast", StringComparison.Ordinal));
        Assert.True(memory.TrendPerHour is > 2.5 and < 4.5, $"trend {memory.TrendPerHour}");
        Assert.Equal(ForecastEngine.MethodBaseline, forecast.Method);
    }

    [Fact]
    public void Forecast_FlatServer_StaysLowWithNoThresholdReason()
    {
        var engine = new ForecastEngine(new ForecastingOptions());

        var forecast = engine.Forecast(History("flat", SyntheticServers.Flat, TimeSpan.FromDays(2)), model: null, End)!;

        Assert.True(forecast.Assessment.Score < 20, $"score {forecast.Assessment.Score}");
        Assert.DoesNotContain(forecast.Assessment.Reasons, r => r.Code is RiskReasonCode.ForecastCrossesThreshold);
    }

    [Fact]
    public void Forecast_CoversEveryResourceAndHorizonWithOrderedBands()
    {
        var options = new ForecastingOptions();
        var engine = new ForecastEngine(options);

        var forecast = engine.Forecast(History("flat", SyntheticServers.Flat, TimeSpan.FromDays(2)), model: null, End)!;

        Assert.Equal([ResourceKind.Cpu, ResourceKind.Memory, ResourceKind.DiskIo, ResourceKind.Network], forecast.Assessment.PredictedLoad.Select(f => f.Resource));
        foreach (var f in forecast.Assessment.PredictedLoad)
        {
            Assert.Equal(288, f.Points.Count);
            Assert.Equal(End, f.Points[0].Time); // the interval right after the last observed one (times are interval starts)
            Assert.All(f.Points, p => Assert.True(p.Lower95 <= p.Lower90 && p.Lower90 <= p.Lower80 && p.Lower80 <= p.Upper80 && p.Upper80 <= p.Upper90 && p.Upper90 <= p.Upper95, $"{f.Resource} bands out of order at {p.Time}"));
        }

        var cpu = forecast.Assessment.PredictedLoad[0];
        Assert.True(cpu.Points[^1].Upper90 > cpu.Points[^1].Lower90, "a noisy CPU must get a band of some width");
        Assert.Equal(3 * 2, forecast.Horizons.Count);
        Assert.Equal(options.Horizons.Order(), forecast.Horizons.Select(h => h.Horizon).Distinct().Order());
        Assert.NotNull(forecast.Profile);
        Assert.Equal(288, forecast.Profile!.Points.Count);
        // 4 cores at ~30 % CPU: about 1.2 cores expected.
        Assert.InRange(forecast.Profile.Points[0].Expected.CpuCores, 0.9, 1.5);
        Assert.InRange(forecast.Profile.Points[0].Expected.MemoryBytes, 0.35 * SyntheticServers.MemoryTotal, 0.45 * SyntheticServers.MemoryTotal);
    }

    [Fact]
    public void Forecast_ServerTheModelAssignsToTheAnalogue_IsForecastFromItsOwnPastAndOthersAreNot()
    {
        var engine = new ForecastEngine(new ForecastingOptions());
        var span = TimeSpan.FromDays(3);
        var cpu = new ResourceModel(ResourceKind.Cpu, null, [], [], [], ["jobs"], [.. Enumerable.Range(0, 12).Select(_ => new[] { -1f, 0f, 1f })]);
        var model = new ForecastModel("v", End - span, End, [cpu]);

        var forecasts = engine.Forecast([History("jobs", SyntheticServers.Jobs(End - span, seed: 4), span), History("flat", SyntheticServers.Flat, span)], model, End);

        var jobs = forecasts[0]!.Assessment.PredictedLoad.Single(f => f.Resource == ResourceKind.Cpu);
        var flat = forecasts[1]!.Assessment.PredictedLoad.Single(f => f.Resource == ResourceKind.Cpu);
        Assert.Equal("analog+naive", jobs.Model);
        Assert.Equal("naive", flat.Model);
        // The first hour is what followed the same half hour before: one of the two levels, never the empty middle.
        var hour = jobs.Points.Take(12).ToList();
        Assert.All(hour, p => Assert.True(p.Value < 20 || p.Value > 75, $"{p.Time}: {p.Value:F1}"));
        Assert.Contains(hour, p => p.Value > 75);
        Assert.Contains(hour, p => p.Value < 20);
        // After the hour, the server's usual forecast (here the baseline: the last value).
        Assert.All(jobs.Points.Skip(12), p => Assert.Equal(jobs.Points[^1].Value, p.Value));
        Assert.All(jobs.Points, p => Assert.True(p.Lower95 <= p.Value && p.Value <= p.Upper95 || p.Value > 100 || p.Value < 0));
    }

    [Fact]
    public void Forecast_ThreeHoursOfHistory_FallsBackToTheBaselineAndSaysSo()
    {
        var engine = new ForecastEngine(new ForecastingOptions());

        var forecast = engine.Forecast(History("new", SyntheticServers.Flat, TimeSpan.FromHours(3)), model: null, End)!;

        Assert.Equal(ForecastEngine.MethodBaseline, forecast.Method);
        var reason = Assert.Single(forecast.Assessment.Reasons, r => r.Code == RiskReasonCode.InsufficientHistory);
        Assert.Contains("only 3 h of history", reason.Text, StringComparison.Ordinal);
        Assert.Equal(36, forecast.HistoryPoints);
    }

    [Fact]
    public void Forecast_GapsAtTheEnd_ForecastsFromTheLastIntervalOfTheGridAndMarksThemUnobserved()
    {
        var engine = new ForecastEngine(new ForecastingOptions());
        var gapFrom = End - TimeSpan.FromMinutes(20);
        SyntheticServers.Shape shape = (t, r) => t >= gapFrom ? (double.NaN, double.NaN) : SyntheticServers.Flat(t, r);
        var series = SyntheticServers.Series("gappy", End, TimeSpan.FromDays(2), shape);
        var history = ServerHistory.FromSeries("gappy", 4, SyntheticServers.MemoryTotal, series);

        var forecast = engine.Forecast(history, model: null, End)!;

        Assert.Equal(End - SyntheticServers.Step, forecast.Assessment.PredictedLoad[0].Origin);
        Assert.False(history.Cpu!.Observed[^1]);
        Assert.Equal(4, history.Cpu.Artefacts.GapsFilled);
    }

    [Fact]
    public void Forecast_ServerWithNoObservedInterval_IsSkipped()
    {
        var engine = new ForecastEngine(new ForecastingOptions());
        var series = SyntheticServers.Series("silent", End, TimeSpan.FromHours(2), (_, _) => (double.NaN, double.NaN));

        var forecast = engine.Forecast(ServerHistory.FromSeries("silent", 4, null, series), model: null, End);

        Assert.Null(forecast);
    }

    [Fact]
    public void Options_InvalidHorizon_FailsNamingTheSetting()
    {
        var options = new ForecastingOptions { Horizons = [TimeSpan.FromMinutes(7)] };

        var ex = Assert.Throws<InvalidOperationException>(options.Validate);

        Assert.Contains("Forecasting:Horizons", ex.Message, StringComparison.Ordinal);
    }
}
