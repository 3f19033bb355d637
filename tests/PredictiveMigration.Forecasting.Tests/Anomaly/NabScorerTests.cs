using PredictiveMigration.Forecasting.Anomaly;

namespace PredictiveMigration.Forecasting.Tests.Anomaly;

public class NabScorerTests
{
    private static readonly (int, int)[] Windows = [(2000, 2100), (3000, 3100)];

    [Fact]
    public void Score_DetectionAtEveryWindowStart_IsAbout100()
    {
        var score = NabScorer.Score(4000, Windows, [2000, 3000]);

        Assert.InRange(score.Normalised, 99.9, 100.0);
    }

    [Fact]
    public void Score_NoDetection_Is0()
    {
        Assert.Equal(0, NabScorer.Score(4000, Windows, []).Normalised, 9);
    }

    [Fact]
    public void Score_LateDetectionEarnsLessThanEarly()
    {
        var early = NabScorer.Score(4000, Windows, [2010]).Raw;
        var late = NabScorer.Score(4000, Windows, [2090]).Raw;

        Assert.True(early > late);
    }

    [Fact]
    public void Score_FalsePositiveBeforeAnyWindow_CostsTheFpWeight()
    {
        var clean = NabScorer.Score(4000, Windows, [2000]).Raw;
        var withFp = NabScorer.Score(4000, Windows, [2000, 1000]).Raw;

        Assert.Equal(NabScorer.FalsePositiveWeight, clean - withFp, 9);
    }

    [Fact]
    public void Score_DetectionInProbation_IsIgnored()
    {
        var score = NabScorer.Score(4000, Windows, [10]);

        Assert.Equal(0, score.FalsePositives);
    }
}
