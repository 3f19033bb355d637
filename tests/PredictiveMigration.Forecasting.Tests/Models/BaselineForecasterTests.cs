using PredictiveMigration.Forecasting.Models;

namespace PredictiveMigration.Forecasting.Tests.Models;

public class BaselineForecasterTests
{
    [Fact]
    public void Naive_Constant_ForecastsTheConstant()
    {
        var s = Synthetic.FromValues(Enumerable.Repeat(42.0, 10).ToArray());
        var f = new double[5];

        new NaiveForecaster().Fit(s, 10).Forecast(9, f);

        Assert.All(f, v => Assert.Equal(42.0, v));
    }

    [Fact]
    public void DetectPeriod_DailySine_ReturnsOneDay()
    {
        var s = Synthetic.Make(5 * Synthetic.Day, amplitude: 20, noise: 1);

        var period = SeasonalityDetector.DetectPeriod(s.Values, Synthetic.Day);

        Assert.Equal(Synthetic.Day, period);
    }

    [Fact]
    public void DetectPeriod_WeekdayWeekendPattern_ReturnsOneWeek()
    {
        // Busy on weekdays only, with a different daily shape on day 3: the weekly lag explains far more.
        var s = Synthetic.Make(21 * Synthetic.Day, noise: 0.5, extra: t => (t / Synthetic.Day % 7) switch { 5 or 6 => 0, 3 => 30 * Math.Sin(4 * Math.PI * t / Synthetic.Day), _ => 30 });

        var period = SeasonalityDetector.DetectPeriod(s.Values, Synthetic.Day);

        Assert.Equal(7 * Synthetic.Day, period);
    }

    [Fact]
    public void SeasonalNaive_PureDailySeason_ForecastsExactly()
    {
        var s = Synthetic.Make(4 * Synthetic.Day, amplitude: 20);

        var mae = Synthetic.Mae(new SeasonalNaiveForecaster().Fit(s, 3 * Synthetic.Day), s, 3 * Synthetic.Day, (4 * Synthetic.Day) - 12, 12);

        Assert.True(mae < 1e-9, $"MAE {mae}");
    }

    [Fact]
    public void SeasonalNaive_ShortHistory_FallsBackToLastValue()
    {
        var s = Synthetic.FromValues([1, 2, 3]);
        var f = new double[2];

        new SeasonalNaiveForecaster().Fit(s, 3).Forecast(2, f);

        Assert.Equal([3.0, 3.0], f);
    }

    [Fact]
    public void RecentMedian_SingleSpike_IsIgnored()
    {
        var values = Enumerable.Repeat(30.0, 12).ToArray();
        values[6] = 100;
        var f = new double[3];

        new RecentMedianForecaster().Fit(Synthetic.FromValues(values), 12).Forecast(11, f);

        Assert.All(f, v => Assert.Equal(30.0, v));
    }
}
