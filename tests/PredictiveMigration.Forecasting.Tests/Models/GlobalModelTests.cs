using PredictiveMigration.Forecasting.Models;
using PredictiveMigration.Forecasting.Series;

namespace PredictiveMigration.Forecasting.Tests.Models;

public class GlobalModelTests
{
    private static readonly GlobalModelOptions Fast = new() { Horizons = [1, 3, 6, 12], Iterations = 60, MinRowsPerLeaf = 50, MaxRows = 40_000 };

    private static List<PreparedSeries> Fleet(int seed) =>
        Enumerable.Range(0, 4).Select(i => Synthetic.Make(5 * Synthetic.Day, level: 30 + (10 * i), amplitude: 15 + (3 * i), noise: 1.5, seed: seed + i, id: $"s{i}")).ToList();

    [Fact]
    public void Train_SeasonalFleet_BeatsNaiveOutOfSample()
    {
        var fleet = Fleet(1);
        var train = 4 * Synthetic.Day;
        var model = new GlobalModelTrainer(Fast).Train(fleet.Select(s => (s, train)).ToList());

        var gbm = fleet.Average(s => Synthetic.Mae(new GlobalGbmForecaster(model).Fit(s, train), s, train, s.Length - 12, 12));
        var naive = fleet.Average(s => Synthetic.Mae(new NaiveForecaster().Fit(s, train), s, train, s.Length - 12, 12));

        Assert.True(gbm < 0.8 * naive, $"global {gbm} vs naive {naive}");
    }

    [Fact]
    public void Train_SameSeedAndData_GivesIdenticalForecasts()
    {
        var fleet = Fleet(2);
        var data = fleet.Select(s => (s, 4 * Synthetic.Day)).ToList();

        var a = new GlobalModelTrainer(Fast).Train(data).Forecast(fleet[0], [fleet[0].Length - 1], 12)[0];
        var b = new GlobalModelTrainer(Fast).Train(data).Forecast(fleet[0], [fleet[0].Length - 1], 12)[0];

        Assert.Equal(a, b);
    }

    [Fact]
    public void SaveThenLoad_GivesTheSameForecasts()
    {
        var fleet = Fleet(3);
        var model = new GlobalModelTrainer(Fast).Train(fleet.Select(s => (s, 4 * Synthetic.Day)).ToList());
        using var buffer = new MemoryStream();

        model.Save(buffer);
        buffer.Position = 0;
        var loaded = GlobalGbmModel.Load(buffer);

        Assert.Equal(model.Version, loaded.Version);
        Assert.Equal(model.Forecast(fleet[1], [fleet[1].Length - 1], 6)[0], loaded.Forecast(fleet[1], [fleet[1].Length - 1], 6)[0]);
    }

    [Fact]
    public void Load_PayloadOfAnotherLayout_ThrowsInvalidData()
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write("global_gbm-last-s42-r1-n1");
            writer.Write(1);
        }

        buffer.Position = 0;

        var ex = Assert.Throws<InvalidDataException>(() => GlobalGbmModel.Load(buffer));
        Assert.Contains("retrain", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_RareSpikes_MedianObjectiveForecastsTheQuietLevel()
    {
        // Level 20 with one-step spikes of +60 at 8 % of the points: at a quiet origin the conditional mean of the next
        // value is about 24.8 (less with the ±3-scale target clip), its median 20. MAE rewards the median.
        var fleet = Enumerable.Range(0, 4).Select(i =>
        {
            var rng = new Random(100 + i);
            return Synthetic.Make(5 * Synthetic.Day, level: 20, noise: 0.3, seed: 200 + i, id: $"k{i}", extra: _ => rng.NextDouble() < 0.08 ? 60 : 0);
        }).ToList();
        var train = 4 * Synthetic.Day;
        var data = fleet.Select(s => (s, train)).ToList();
        var quiet = Enumerable.Range(train, Synthetic.Day - 1).Where(o => fleet[0].Values[o] < 30).ToList();

        var median = new GlobalModelTrainer(Fast).Train(data).Forecast(fleet[0], quiet, 1).Average(f => f[0]);
        var mean = new GlobalModelTrainer(Fast with { Objective = GbmObjective.Mean, ValidationFraction = 0 }).Train(data).Forecast(fleet[0], quiet, 1).Average(f => f[0]);

        Assert.InRange(median, 19, 21.5);
        Assert.True(mean > median + 1.5, $"mean objective {mean} vs median objective {median}");
    }

    [Fact]
    public void Train_RandomWalkFleet_ShrinksTowardsPersistenceAndDoesNotLoseToIt()
    {
        // A random walk has no predictable change: the best forecast is the last value.
        var fleet = Enumerable.Range(0, 4).Select(i =>
        {
            var rng = new Random(300 + i);
            var v = new double[6 * Synthetic.Day];
            v[0] = 50;
            for (var t = 1; t < v.Length; t++)
            {
                v[t] = Math.Clamp(v[t - 1] + Synthetic.Gaussian(rng), 5, 95);
            }

            return Synthetic.FromValues(v, id: $"w{i}");
        }).ToList();
        var train = 5 * Synthetic.Day;

        var model = new GlobalModelTrainer(Fast).Train(fleet.Select(s => (s, train)).ToList());
        var gbm = fleet.Average(s => Synthetic.Mae(new GlobalGbmForecaster(model).Fit(s, train), s, train, s.Length - 12, 12));
        var naive = fleet.Average(s => Synthetic.Mae(new NaiveForecaster().Fit(s, train), s, train, s.Length - 12, 12));

        Assert.All(model.Shrinkage, s => Assert.InRange(s, 0, 1));
        Assert.True(gbm < 1.03 * naive, $"global {gbm} vs naive {naive}");
    }

    [Fact]
    public void Train_TooLittleHistory_ThrowsAClearErrorNotAnMlNetOne()
    {
        var tiny = Synthetic.Make(100);

        var ex = Assert.Throws<ArgumentException>(() => new GlobalModelTrainer(Fast).Train([(tiny, 100)]));

        Assert.Contains("too little history", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Forecast_OriginWithoutADayOfHistory_FallsBackToLastValue()
    {
        var fleet = Fleet(4);
        var model = new GlobalModelTrainer(Fast).Train(fleet.Select(s => (s, 4 * Synthetic.Day)).ToList());
        var young = Synthetic.FromValues([12, 13, 14]);

        var f = model.Forecast(young, [2], 4)[0];

        Assert.All(f, v => Assert.Equal(14, v));
    }

    [Fact]
    public void Forecast_ConstantSeries_StaysNearTheConstant()
    {
        var fleet = Fleet(5);
        var model = new GlobalModelTrainer(Fast).Train(fleet.Select(s => (s, 4 * Synthetic.Day)).ToList());
        var flat = Synthetic.FromValues(Enumerable.Repeat(40.0, 2 * Synthetic.Day).ToArray());

        var f = model.Forecast(flat, [flat.Length - 1], 12)[0];

        Assert.All(f, v => Assert.InRange(v, 38, 42));
    }
}
