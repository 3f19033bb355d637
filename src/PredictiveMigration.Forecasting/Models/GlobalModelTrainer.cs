using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;
using PredictiveMigration.Forecasting.Series;

namespace PredictiveMigration.Forecasting.Models;

/// <summary>Trains the <see cref="GlobalGbmModel"/> across many series (each up to its own training end).</summary>
public sealed class GlobalModelTrainer(GlobalModelOptions options)
{
    /// <summary>Residuals below a tenth of the series scale all get the largest weight, so a handful of exact fits cannot dominate.</summary>
    private const float WeightFloor = 0.1f;

    public GlobalModelOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>
    /// Trains on every series' points before its training end. Throws <see cref="ArgumentException"/> when there is
    /// not one usable row (all series shorter than a day plus a horizon): a clear error instead of one from ML.NET.
    /// </summary>
    public GlobalGbmModel Train(IReadOnlyList<(PreparedSeries Series, int TrainEnd)> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var rows = BuildRows(data);
        if (rows.Count < 2 * Options.MinRowsPerLeaf)
        {
            throw new ArgumentException($"too little history to train the global model: {rows.Count} rows (need {2 * Options.MinRowsPerLeaf}; each series needs more than one day before its training end)", nameof(data));
        }

        var anchor = ChooseAnchor(data);
        foreach (var row in rows)
        {
            row.Label = Math.Clamp(anchor == GbmAnchor.Last ? row.Label : row.Label - row.Features[7], -FeatureBuilder.TargetClip, FeatureBuilder.TargetClip);
        }

        var ml = new MLContext(Options.Seed);
        // Fits that only supply weights for the next pass use half the rounds: the weights need the shape, not the last digits.
        var transformer = Fit(ml, rows, Options.ReweightedPasses > 0 ? Math.Max(1, Options.Iterations / 2) : Options.Iterations);
        for (var pass = 0; pass < Options.ReweightedPasses; pass++)
        {
            var i = 0;
            double total = 0;
            foreach (var score in transformer.Transform(ml.Data.LoadFromEnumerable(rows)).GetColumn<float>(nameof(GbmPrediction.Score)))
            {
                var w = 1 / Math.Max(Math.Abs(rows[i].Label - score), WeightFloor);
                rows[i++].Weight = w;
                total += w;
            }

            var mean = (float)(total / rows.Count);
            foreach (var row in rows)
            {
                row.Weight /= mean;
            }

            transformer = Fit(ml, rows, pass == Options.ReweightedPasses - 1 ? Options.Iterations : Math.Max(1, Options.Iterations / 2));
        }

        return new GlobalGbmModel(ml, transformer, $"global_gbm-{anchor.ToString().ToLowerInvariant()}-s{Options.Seed}-r{rows.Count}-n{data.Count}", rows.Count, anchor);
    }

    /// <summary>
    /// The anchor the model predicts departures from: the last value (persistence, strong for CPU) or the median of the
    /// last hour (robust, strong for memory), whichever has the lower MAE over the training horizons on the training
    /// data. Starting from the better baseline matters because the squared loss shrinks departures towards zero.
    /// </summary>
    private GbmAnchor ChooseAnchor(IReadOnlyList<(PreparedSeries Series, int TrainEnd)> data)
    {
        double last = 0, median = 0;
        foreach (var (series, trainEnd) in data)
        {
            var end = Math.Min(trainEnd, series.Length);
            var hour = Math.Max(1, series.StepsPerDay / 24);
            for (var origin = series.StepsPerDay; origin < end; origin += 7)
            {
                var from = Math.Max(0, origin - hour + 1);
                var m = Stats.Median(series.Values.AsSpan(from, origin - from + 1));
                foreach (var h in Options.Horizons)
                {
                    var t = origin + h;
                    if (t < end && series.Observed[t])
                    {
                        last += Math.Abs(series.Values[t] - series.Values[origin]);
                        median += Math.Abs(series.Values[t] - m);
                    }
                }
            }
        }

        return median < last ? GbmAnchor.RecentMedian : GbmAnchor.Last;
    }

    private ITransformer Fit(MLContext ml, List<GbmFeatureRow> rows, int iterations)
    {
        var trainer = ml.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options
        {
            LabelColumnName = nameof(GbmFeatureRow.Label),
            FeatureColumnName = nameof(GbmFeatureRow.Features),
            ExampleWeightColumnName = nameof(GbmFeatureRow.Weight),
            NumberOfIterations = iterations,
            LearningRate = Options.LearningRate,
            NumberOfLeaves = Options.Leaves,
            MinimumExampleCountPerLeaf = Options.MinRowsPerLeaf,
            NumberOfThreads = Options.Threads,
            Seed = Options.Seed,
            // Same rows, seed and thread count give the same trees.
            Deterministic = true,
            Silent = true,
        });
        return trainer.Fit(ml.Data.LoadFromEnumerable(rows));
    }

    private List<GbmFeatureRow> BuildRows(IReadOnlyList<(PreparedSeries Series, int TrainEnd)> data)
    {
        var horizons = Options.Horizons;
        long candidates = 0;
        foreach (var (series, trainEnd) in data)
        {
            candidates += Math.Max(0, Math.Min(trainEnd, series.Length) - series.StepsPerDay) * (long)horizons.Count;
        }

        var stride = (int)Math.Max(1, (candidates + Options.MaxRows - 1) / Math.Max(1, Options.MaxRows));
        var rows = new List<GbmFeatureRow>((int)Math.Min(candidates / stride + 16, Options.MaxRows + 16L));
        foreach (var (series, trainEnd) in data)
        {
            var end = Math.Min(trainEnd, series.Length);
            // Odd offsets per series spread the subsampled origins over the time of day.
            for (var origin = series.StepsPerDay + (rows.Count % stride); origin < end; origin += stride)
            {
                var o = FeatureBuilder.AtOrigin(series, origin);
                foreach (var h in horizons)
                {
                    var target = origin + h;
                    if (target >= end || !series.Observed[target])
                    {
                        continue;
                    }

                    var row = new GbmFeatureRow
                    {
                        // Unclipped change from the last value; re-anchored and clipped once the anchor is chosen.
                        Label = (float)((series.Values[target] - o.Last) / o.Scale),
                    };
                    FeatureBuilder.Write(series, origin, h, o, row.Features);
                    rows.Add(row);
                }
            }
        }

        return rows;
    }
}
