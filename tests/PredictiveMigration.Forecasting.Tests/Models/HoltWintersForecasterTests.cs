using PredictiveMigration.Forecasting.Models;

namespace PredictiveMigration.Forecasting.Tests.Models;

public class HoltWintersForecasterTests
{
    [Fact]
    public void Fit_SeasonPlusNoise_BeatsNaiveAndApproachesTheNoiseFloor()
    {
        var s = Synthetic.Make(6 * Synthetic.Day, amplitude: 20, noise: 1);
        var train = 4 * Synthetic.Day;

        var hw = Synthetic.Mae(new HoltWintersForecaster().Fit(s, train), s, train, s.Length - 12, 12);
        var naive = Synthetic.Mae(new NaiveForecaster().Fit(s, train), s, train, s.Length - 12, 12);

        Assert.True(hw < 0.5 * naive, $"holt-winters {hw} vs naive {naive}");
        Assert.True(hw < 1.6, $"holt-winters MAE {hw} should be near the noise MAE 0.8");
    }

    [Fact]
    public void Fit_LinearTrend_ExtrapolatesIt()
    {
        var s = Synthetic.Make(3 * Synthetic.Day, level: 10, trendPerStep: 0.05, percent: false);
        var f = new double[12];

        new HoltWintersForecaster().Fit(s, s.Length).Forecast(s.Length - 1, f);

        // Damped, smoothed trend: a 12-step forecast keeps a good part (never more) of the true 0.6 rise.
        Assert.InRange(f[11] - s.Values[^1], 0.25, 0.65);
    }

    [Fact]
    public void Forecast_AfterLevelShift_FollowsTheNewLevel()
    {
        var s = Synthetic.Make(3 * Synthetic.Day, level: 20, noise: 0.5, extra: t => t >= (3 * Synthetic.Day) - 36 ? 30 : 0);
        var f = new double[6];

        new HoltWintersForecaster().Fit(s, 2 * Synthetic.Day).Forecast(s.Length - 1, f);

        Assert.InRange(f[0], 45, 55);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Fit_OneOrTwoPoints_FallsBackToPersistence(int length)
    {
        var s = Synthetic.FromValues(Enumerable.Range(1, length).Select(i => (double)i).ToArray());
        var f = new double[3];

        new HoltWintersForecaster().Fit(s, length).Forecast(length - 1, f);

        Assert.All(f, v => Assert.Equal(length, v));
    }
}
