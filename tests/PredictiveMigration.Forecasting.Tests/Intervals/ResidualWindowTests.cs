using PredictiveMigration.Forecasting.Intervals;

namespace PredictiveMigration.Forecasting.Tests.Intervals;

public class ResidualWindowTests
{
    [Theory]
    [InlineData(0.8)]
    [InlineData(0.9)]
    [InlineData(0.95)]
    public void Interval_PureNoise_CoversAtTheNominalRate(double level)
    {
        var rng = new Random(7);
        var window = new ResidualWindow(Enumerable.Range(0, 2000).Select(_ => Synthetic.Gaussian(rng)));

        var covered = Enumerable.Range(0, 20_000).Count(_ =>
        {
            var (lo, hi) = window.Interval(0, level);
            var y = Synthetic.Gaussian(rng);
            return y >= lo && y <= hi;
        }) / 20_000.0;

        Assert.InRange(covered, level - 0.02, level + 0.02);
    }

    [Fact]
    public void ProbabilityAtLeast_CountsResidualsThatReachTheThreshold()
    {
        var window = new ResidualWindow([-2, -1, 0, 1, 2]);

        Assert.Equal(0.4, window.ProbabilityAtLeast(point: 89, threshold: 90), 9);
        Assert.Equal(1.0, window.ProbabilityAtLeast(point: 92, threshold: 90), 9);
        Assert.Equal(0.0, window.ProbabilityAtLeast(point: 80, threshold: 90), 9);
    }

    [Fact]
    public void Interval_NoResiduals_CollapsesToThePoint()
    {
        var (lo, hi) = new ResidualWindow().Interval(5, 0.9);

        Assert.Equal((5.0, 5.0), (lo, hi));
    }

    [Fact]
    public void Pinball_UnderAndOverForecast_WeighsByQuantile()
    {
        Assert.Equal(0.9, PinballLoss.Of(actual: 10, quantileForecast: 9, q: 0.9), 9);
        Assert.Equal(0.1, PinballLoss.Of(actual: 9, quantileForecast: 10, q: 0.9), 9);
    }
}
