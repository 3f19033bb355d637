using System.Globalization;
using PredictiveMigration.Forecasting.Models.Native;
using PredictiveMigration.Forecasting.Series;

namespace PredictiveMigration.Forecasting.Models;

/// <summary>
/// Trains the <see cref="GlobalGbmModel"/> across many series (each up to its own training end), in two fits: the
/// first on each series' training part minus its last <see cref="GlobalModelOptions.ValidationFraction"/>, scored on
/// that held-out tail to choose the per-horizon shrinkage towards persistence; the second on the whole training part.
/// </summary>
public sealed class GlobalModelTrainer(GlobalModelOptions options)
{
    /// <summary>Residuals below a tenth of the series scale all get the largest weight, so a handful of exact fits cannot dominate.</summary>
    private const float WeightFloor = 0.1f;

    /// <summary>Shrinkage factors tried per horizon on the validation tail: 0 (persistence) to 1 (the model as trained).</summary>
    private static readonly double[] ShrinkCandidates = [.. Enumerable.Range(0, 21).Select(i => i / 20.0)];

    /// <summary>Origins with a recent level shift are sampled this many times more densely than quiet ones (and weighted down as much).</summary>
    private const int ActiveBoost = 8;

    public GlobalModelOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>
    /// Trains on every series' points before its training end. Throws <see cref="ArgumentException"/> when there are
    /// too few usable rows (all series shorter than a day plus a horizon): a clear error instead of one from LightGBM.
    /// </summary>
    public GlobalGbmModel Train(IReadOnlyList<(PreparedSeries Series, int TrainEnd)> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var anchor = ChooseAnchor(data);
        var all = BuildRows(data, anchor, validationFraction: 0);
        if (all.Count < 2 * Options.MinRowsPerLeaf)
        {
            throw new ArgumentException($"too little history to train the global model: {all.Count} rows (need {2 * Options.MinRowsPerLeaf}; each series needs more than one day before its training end)", nameof(data));
        }

        var maxStep = Options.Horizons.Max();
        var shrinkage = Enumerable.Repeat(1.0, maxStep).ToArray();
        if (Options.ValidationFraction > 0)
        {
            var split = BuildRows(data, anchor, Options.ValidationFraction);
            if (split.Count >= 2 * Options.MinRowsPerLeaf && split.Validation.Count > 0)
            {
                using var first = Fit(split);
                shrinkage = ChooseShrinkage(first, split.Validation, maxStep);
            }
        }

        var booster = Fit(all);
        return new GlobalGbmModel(booster, $"global_gbm-{Options.Objective.ToString().ToLowerInvariant()}-{anchor.ToString().ToLowerInvariant()}-s{Options.Seed}-r{all.Count}-n{data.Count}", all.Count, anchor, shrinkage, Options.Threads);
    }

    /// <summary>
    /// Per trained horizon, the factor that minimises the held-out MAE of last + s·(model − last); steps between
    /// trained horizons interpolate linearly. Factors only ever shrink (≤ 1): the fit is optimistic in-sample.
    /// </summary>
    private double[] ChooseShrinkage(LightGbmBooster booster, RowSet validation, int maxStep)
    {
        var scores = booster.Predict(validation.Features.ToArray(), Options.Threads);
        var byHorizon = new SortedDictionary<int, double>();
        foreach (var h in Options.Horizons.Distinct())
        {
            var errors = new double[ShrinkCandidates.Length];
            var any = false;
            for (var i = 0; i < validation.Count; i++)
            {
                if (validation.Horizon[i] != h)
                {
                    continue;
                }

                any = true;
                var (last, scale, anchor, actual) = validation.Meta[i];
                var change = anchor + (Math.Clamp(scores[i], -FeatureBuilder.TargetClip, FeatureBuilder.TargetClip) * scale) - last;
                for (var c = 0; c < ShrinkCandidates.Length; c++)
                {
                    errors[c] += validation.Weights[i] * Math.Abs(actual - last - (ShrinkCandidates[c] * change));
                }
            }

            if (any)
            {
                byHorizon[h] = ShrinkCandidates[Array.IndexOf(errors, errors.Min())];
            }
        }

        var result = new double[maxStep];
        var known = byHorizon.ToList();
        for (var step = 1; step <= maxStep; step++)
        {
            if (known.Count == 0)
            {
                result[step - 1] = 1;
                continue;
            }

            var after = known.FindIndex(kv => kv.Key >= step);
            result[step - 1] = after switch
            {
                -1 => known[^1].Value,
                0 => known[0].Value,
                _ => known[after - 1].Value + ((known[after].Value - known[after - 1].Value) * (step - known[after - 1].Key) / (known[after].Key - known[after - 1].Key)),
            };
        }

        return result;
    }

    /// <summary>
    /// The anchor the model predicts departures from: the last value (persistence, strong for CPU) or the median of the
    /// last hour (robust, strong for memory), whichever has the lower MAE over the training horizons on the training
    /// data. Starting from the better baseline lets the trees spend their splits on departures from it.
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

    private string Parameters() => string.Create(CultureInfo.InvariantCulture, $"objective={(Options.Objective == GbmObjective.Median ? "regression_l1" : "regression")} learning_rate={Options.LearningRate} num_leaves={Options.Leaves} min_data_in_leaf={Options.MinRowsPerLeaf} num_threads={Options.Threads} seed={Options.Seed} deterministic=true force_row_wise=true verbosity=-1");

    private LightGbmBooster Fit(RowSet rows)
    {
        var features = rows.Features.ToArray();
        var labels = rows.Labels.ToArray();
        var sampling = rows.Weights.ToArray();
        if (Options.ReweightedPasses <= 0)
        {
            return LightGbmBooster.Train(features, labels, sampling, FeatureBuilder.Count, Options.Iterations, Parameters());
        }

        // Iteratively reweighted fits (weights 1/|residual|) that move a squared-loss fit towards the median; fits that
        // only supply weights use half the rounds: the weights need the shape, not the last digits.
        var weights = (float[])sampling.Clone();
        var booster = LightGbmBooster.Train(features, labels, weights, FeatureBuilder.Count, Math.Max(1, Options.Iterations / 2), Parameters());
        for (var pass = 0; pass < Options.ReweightedPasses; pass++)
        {
            var scores = booster.Predict(features, Options.Threads);
            booster.Dispose();
            double total = 0;
            for (var i = 0; i < labels.Length; i++)
            {
                weights[i] = sampling[i] / Math.Max(Math.Abs(labels[i] - (float)scores[i]), WeightFloor);
                total += weights[i];
            }

            var mean = (float)(total / labels.Length);
            for (var i = 0; i < weights.Length; i++)
            {
                weights[i] /= mean;
            }

            booster = LightGbmBooster.Train(features, labels, weights, FeatureBuilder.Count, pass == Options.ReweightedPasses - 1 ? Options.Iterations : Math.Max(1, Options.Iterations / 2), Parameters());
        }

        return booster;
    }

    /// <summary>
    /// Rows of the fit (targets before each series' validation start) and, when <paramref name="validationFraction"/> is
    /// positive, validation rows (origins in each series' last <paramref name="validationFraction"/> of training).
    /// Origins are subsampled so that the rows stay under <see cref="GlobalModelOptions.MaxRows"/>: origins with a level
    /// shift in the last hour (where forecasts differ; a few percent of CPU origins) <see cref="ActiveBoost"/> times
    /// more densely than quiet ones, each row weighted by its sampling stride so the loss stays that of all origins.
    /// </summary>
    private RowSet BuildRows(IReadOnlyList<(PreparedSeries Series, int TrainEnd)> data, GbmAnchor anchor, double validationFraction)
    {
        var horizons = Options.Horizons;
        var activity = data.Select(d => Activity(d.Series, Math.Min(d.TrainEnd, d.Series.Length))).ToList();
        long active = 0, quiet = 0;
        for (var i = 0; i < data.Count; i++)
        {
            for (var origin = data[i].Series.StepsPerDay; origin < activity[i].Length; origin++)
            {
                _ = activity[i][origin] ? active++ : quiet++;
            }
        }

        var budget = Math.Max(1, Options.MaxRows / Math.Max(1, horizons.Count));
        var quietStride = (int)Math.Max(1, (quiet + (active * ActiveBoost) + budget - 1) / budget);
        var activeStride = Math.Max(1, quietStride / ActiveBoost);
        var fit = new RowSet();
        var validation = new RowSet();
        var row = new float[FeatureBuilder.Count];
        long seenActive = 0, seenQuiet = 0;
        for (var i = 0; i < data.Count; i++)
        {
            var series = data[i].Series;
            var end = activity[i].Length;
            var validFrom = validationFraction > 0 ? end - (int)((end - series.StepsPerDay) * validationFraction) : end;
            for (var origin = series.StepsPerDay; origin < end; origin++)
            {
                var isActive = activity[i][origin];
                var stride = isActive ? activeStride : quietStride;
                if ((isActive ? seenActive++ : seenQuiet++) % stride != 0)
                {
                    continue;
                }

                var o = FeatureBuilder.AtOrigin(series, origin);
                var anchorValue = anchor == GbmAnchor.Last ? o.Last : o.Median1h;
                foreach (var h in horizons)
                {
                    var target = origin + h;
                    if (target >= end || !series.Observed[target])
                    {
                        continue;
                    }

                    var set = target < validFrom ? fit : origin >= validFrom ? validation : null;
                    if (set is null)
                    {
                        continue;
                    }

                    FeatureBuilder.Write(series, origin, h, o, row);
                    set.Add(row, (float)Math.Clamp((series.Values[target] - anchorValue) / o.Scale, -FeatureBuilder.TargetClip, FeatureBuilder.TargetClip), stride, h, (o.Last, o.Scale, anchorValue, series.Values[target]));
                }
            }
        }

        fit.Validation = validation;
        return fit;
    }

    /// <summary>
    /// Per origin before <paramref name="end"/>, whether a level shift happened in the last hour; the shift threshold
    /// is recomputed every hour from the day before (never from later points).
    /// </summary>
    private static bool[] Activity(PreparedSeries series, int end)
    {
        var v = series.Values;
        var hour = Math.Max(1, series.StepsPerDay / 24);
        var result = new bool[Math.Max(0, end)];
        var lastShift = int.MinValue / 2;
        var threshold = double.PositiveInfinity;
        for (var t = 1; t < result.Length; t++)
        {
            if ((t - 1) % hour == 0)
            {
                threshold = LevelShift.Threshold(v, t - 1, series.StepsPerDay, series.IsPercent);
            }

            if (Math.Abs(v[t] - v[t - 1]) > threshold)
            {
                lastShift = t;
            }

            result[t] = t - lastShift < hour;
        }

        return result;
    }

    /// <summary>Training rows in LightGBM's row-major layout, with what choosing the shrinkage needs.</summary>
    private sealed class RowSet
    {
        public List<float> Features { get; } = [];

        public List<float> Labels { get; } = [];

        public List<float> Weights { get; } = [];

        public List<int> Horizon { get; } = [];

        public List<(double Last, double Scale, double Anchor, double Actual)> Meta { get; } = [];

        public RowSet Validation { get; set; } = null!;

        public int Count => Labels.Count;

        public void Add(ReadOnlySpan<float> features, float label, float weight, int horizon, (double, double, double, double) meta)
        {
            Features.AddRange(features);
            Labels.Add(label);
            Weights.Add(weight);
            Horizon.Add(horizon);
            Meta.Add(meta);
        }
    }
}
