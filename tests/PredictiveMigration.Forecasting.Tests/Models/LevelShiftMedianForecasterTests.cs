using PredictiveMigration.Forecasting.Models;
using PredictiveMigration.Forecasting.Series;

namespace PredictiveMigration.Forecasting.Tests.Models;

public class LevelShiftMedianForecasterTests
{
    /// <summary>Noise (sd 1) around 10 for two days, then a jump to 80 that stays.</summary>
    private static PreparedSeries ShiftedNoise() =>
        Synthetic.Make(3 * Synthetic.Day, level: 10, noise: 1, seed: 7, extra: t => t >= 2 * Synthetic.Day ? 70 : 0);

    [Fact]
    public void Forecast_RightAfterAShift_IsTheNewLevelNotTheOldOne()
    {
        var s = ShiftedNoise();
        var f = new double[6];

        new LevelShiftMedianForecaster().Fit(s, s.Length).Forecast(2 * Synthetic.Day, f);

        Assert.All(f, v => Assert.Equal(s.Values[2 * Synthetic.Day], v));
    }

    [Fact]
    public void Forecast_StableNoisyLevel_BeatsPersistence()
    {
        var s = ShiftedNoise();
        var from = (2 * Synthetic.Day) + 24;

        var robust = Synthetic.Mae(new LevelShiftMedianForecaster().Fit(s, s.Length), s, from, s.Length - 12, 12);
        var naive = Synthetic.Mae(new NaiveForecaster().Fit(s, s.Length), s, from, s.Length - 12, 12);

        Assert.True(robust < 0.85 * naive, $"robust {robust} vs naive {naive}");
        Assert.InRange(robust, 0.7, 1.0);
    }

    [Fact]
    public void Threshold_NoisySeries_IsThreeRobustDeviationsOfTheChanges()
    {
        var s = Synthetic.Make(2 * Synthetic.Day, level: 50, noise: 4, seed: 3);

        var threshold = LevelShift.Threshold(s.Values, s.Length - 1, Synthetic.Day, isPercent: true);

        // One-step changes of N(0, 4) noise have sd 4·√2 ≈ 5.7: three of them ≈ 17.
        Assert.InRange(threshold, 13, 21);
    }

    [Fact]
    public void StepsSince_CountsBackToTheJump()
    {
        var s = ShiftedNoise();

        var since = LevelShift.StepsSince(s.Values, (2 * Synthetic.Day) + 5, threshold: 10, cap: 100);

        Assert.Equal(5, since);
    }

    [Fact]
    public void Forecast_FirstPoint_IsThatPoint()
    {
        var s = Synthetic.FromValues([33.0]);
        var f = new double[3];

        new LevelShiftMedianForecaster().Fit(s, 1).Forecast(0, f);

        Assert.All(f, v => Assert.Equal(33.0, v));
    }
}
