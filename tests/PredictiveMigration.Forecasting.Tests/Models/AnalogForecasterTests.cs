using PredictiveMigration.Forecasting.Backtesting;
using PredictiveMigration.Forecasting.Models;

namespace PredictiveMigration.Forecasting.Tests.Models;

public class AnalogForecasterTests
{
    /// <summary>A batch job: busy at ~95 % for 7-9 steps, idle at ~2 % for 3-4, over and over (no daily period), with noise.</summary>
    private static double[] Jobs(int length, int seed)
    {
        var rng = new Random(seed);
        var values = new double[length];
        var t = 0;
        while (t < length)
        {
            var busy = rng.Next(7, 10);
            var idle = rng.Next(3, 5);
            for (var i = 0; i < busy && t < length; i++, t++)
            {
                values[t] = Math.Clamp(95 + Synthetic.Gaussian(rng), 0, 100);
            }

            for (var i = 0; i < idle && t < length; i++, t++)
            {
                values[t] = Math.Clamp(2 + (0.5 * Synthetic.Gaussian(rng)), 0, 100);
            }
        }

        return values;
    }

    [Fact]
    public void Forecast_RecurringJobsWithoutADailyPeriod_BeatsPersistenceAndSeasonalNaive()
    {
        var s = Synthetic.FromValues(Jobs(10 * Synthetic.Day, seed: 5));
        var from = 8 * Synthetic.Day;

        var analog = Synthetic.Mae(new AnalogForecaster().Fit(s, from), s, from, s.Length - 12, 12);
        var naive = Synthetic.Mae(new NaiveForecaster().Fit(s, from), s, from, s.Length - 12, 12);
        var seasonal = Synthetic.Mae(new SeasonalNaiveForecaster().Fit(s, from), s, from, s.Length - 12, 12);

        Assert.True(analog < 0.75 * naive, $"analog {analog:F2} vs naive {naive:F2}");
        Assert.True(analog < 0.75 * seasonal, $"analog {analog:F2} vs seasonal naive {seasonal:F2}");
    }

    [Fact]
    public void Forecast_BimodalServer_StaysOnTheLevelsNeverTheEmptyMiddle()
    {
        var s = Synthetic.FromValues(Jobs(3 * Synthetic.Day, seed: 9));
        var fitted = new AnalogForecaster().Fit(s, s.Length);
        var f = new double[12];

        for (var o = 2 * Synthetic.Day; o < s.Length - 1; o += 7)
        {
            fitted.Forecast(o, f);
            Assert.All(f, v => Assert.True(v < 20 || v > 80, $"origin {o}: {v:F1} is between the two levels"));
        }
    }

    [Fact]
    public void Forecast_ReadsNothingAfterTheOrigin()
    {
        var values = Jobs(2 * Synthetic.Day, seed: 11);
        var full = Synthetic.FromValues(values);
        var origin = Synthetic.Day + 40;
        var cut = Synthetic.FromValues(values[..(origin + 1)]);
        var a = new double[12];
        var b = new double[12];

        new AnalogForecaster().Fit(full, full.Length).Forecast(origin, a);
        new AnalogForecaster().Fit(cut, cut.Length).Forecast(origin, b);

        Assert.Equal(a, b);
    }

    [Fact]
    public void Forecast_EquallyCloseWindows_TheMostRecentContinuationWins()
    {
        // The window [5, 5] is followed by 10 at its first occurrence and by 20 at its second; the series ends on [5, 5].
        double[] values = [5, 5, 10, 0, 0, 5, 5, 20, 0, 0, 5, 5];
        var s = Synthetic.FromValues(values);
        var f = new double[1];

        new AnalogForecaster(windowLength: 2, neighbours: 1, historyDays: 1).Fit(s, s.Length).Forecast(s.Length - 1, f);

        Assert.Equal(20, f[0]);
    }

    [Fact]
    public void Forecast_TooLittleHistory_IsTheLastValue()
    {
        var s = Synthetic.FromValues([10, 30, 20, 40, 35]);
        var f = new double[6];

        new AnalogForecaster().Fit(s, s.Length).Forecast(s.Length - 1, f);

        Assert.All(f, v => Assert.Equal(35, v));
    }

    [Fact]
    public void Forecast_OriginOutsideTheSeries_IsRejected()
    {
        var fitted = new AnalogForecaster().Fit(Synthetic.Make(100), 100);
        var f = new double[3];

        Assert.Throws<ArgumentOutOfRangeException>(() => fitted.Forecast(100, f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AnalogForecaster(windowLength: 0));
    }

    [Fact]
    public void Backtester_ScoresTheAnalogModelBesideTheOthers()
    {
        var series = new[] { Synthetic.FromValues(Jobs(8 * Synthetic.Day, seed: 13)) };

        var report = new Backtester(new BacktestOptions { Global = null }).Run(series);

        Assert.True(report.Models[AnalogForecaster.ModelName].Mase < 0.8, $"analog MASE {report.Models[AnalogForecaster.ModelName].Mase:F3}");
        Assert.True(report.Models[Backtester.AutoName].Mae <= report.Models[NaiveForecaster.ModelName].Mae);
    }
}
