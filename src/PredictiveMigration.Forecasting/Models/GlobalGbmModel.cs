using System.Text;
using PredictiveMigration.Forecasting.Models.Native;
using PredictiveMigration.Forecasting.Series;

namespace PredictiveMigration.Forecasting.Models;

/// <summary>
/// The trained global model: one LightGBM regressor over all series, horizon as a feature, predicting the scaled
/// change from its <see cref="Anchor"/>; per horizon step, the predicted change from the last value is then shrunk
/// towards persistence by a factor chosen on held-out data (<see cref="Shrinkage"/>). Scoring only; training lives
/// in <see cref="GlobalModelTrainer"/>.
/// </summary>
public sealed class GlobalGbmModel
{
    /// <summary>First field of a saved model: the payload layout (LightGBM text model since the L1 objective).</summary>
    private const string Format = "pm-global-gbm/2";

    private readonly LightGbmBooster _booster;
    private readonly double[] _shrinkage;

    internal GlobalGbmModel(LightGbmBooster booster, string version, int trainingRows, GbmAnchor anchor, double[] shrinkage, int threads)
    {
        _booster = booster;
        _shrinkage = shrinkage;
        Version = version;
        TrainingRows = trainingRows;
        Anchor = anchor;
        Threads = threads;
    }

    /// <summary>What the model's output is a departure from (chosen on the training data).</summary>
    public GbmAnchor Anchor { get; }

    public string Version { get; }

    public int TrainingRows { get; }

    /// <summary>Threads LightGBM uses to score a batch.</summary>
    public int Threads { get; }

    /// <summary>
    /// Per horizon step (index 0 = one step ahead), the share of the model's predicted change from the last value that
    /// is kept (0 = persistence, 1 = the model as trained); steps past the end use the last factor.
    /// </summary>
    public IReadOnlyList<double> Shrinkage => _shrinkage;

    /// <summary>Forecasts steps 1..<paramref name="steps"/> from each origin, in one batch.</summary>
    public double[][] Forecast(PreparedSeries series, IReadOnlyList<int> origins, int steps)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(origins);
        return ForecastBatch([(series, origins)], steps)[0];
    }

    /// <summary>Batch scoring across several series (one LightGBM call: what inference over a fleet uses).</summary>
    public double[][][] ForecastBatch(IReadOnlyList<(PreparedSeries Series, IReadOnlyList<int> Origins)> work, int steps)
    {
        ArgumentNullException.ThrowIfNull(work);
        var raw = ForecastRaw(work, steps);
        foreach (var (w, k, h, last) in Walk(work, steps))
        {
            var value = last + (ShrinkAt(h) * (raw[w][k][h] - last));
            raw[w][k][h] = work[w].Series.IsPercent ? Math.Clamp(value, 0, 100) : Math.Max(0, value);
        }

        return raw;
    }

    internal double ShrinkAt(int stepIndex) => _shrinkage.Length == 0 ? 1 : _shrinkage[Math.Min(stepIndex, _shrinkage.Length - 1)];

    /// <summary>The model's forecasts before shrinkage (origins without a day of history get the last value).</summary>
    internal double[][][] ForecastRaw(IReadOnlyList<(PreparedSeries Series, IReadOnlyList<int> Origins)> work, int steps)
    {
        var rowCount = 0;
        foreach (var (_, origins) in work)
        {
            rowCount += origins.Count * steps;
        }

        var features = new float[rowCount * FeatureBuilder.Count];
        var bases = new List<(double Anchor, double Scale, double Last, bool Ok)>();
        var r = 0;
        foreach (var (series, origins) in work)
        {
            foreach (var origin in origins)
            {
                var ok = FeatureBuilder.HasHistory(series, origin);
                var o = FeatureBuilder.AtOrigin(series, origin);
                bases.Add((Anchor == GbmAnchor.Last ? o.Last : o.Median1h, o.Scale, o.Last, ok));
                for (var h = 1; h <= steps; h++, r++)
                {
                    if (ok)
                    {
                        FeatureBuilder.Write(series, origin, h, o, features.AsSpan(r * FeatureBuilder.Count, FeatureBuilder.Count));
                    }
                }
            }
        }

        var scores = _booster.Predict(features, Threads);
        var result = new double[work.Count][][];
        r = 0;
        var b = 0;
        for (var w = 0; w < work.Count; w++)
        {
            var (series, origins) = work[w];
            result[w] = new double[origins.Count][];
            for (var k = 0; k < origins.Count; k++)
            {
                var (anchor, scale, last, ok) = bases[b++];
                var f = new double[steps];
                for (var h = 0; h < steps; h++)
                {
                    var delta = Math.Clamp(scores[r++], -FeatureBuilder.TargetClip, FeatureBuilder.TargetClip);
                    // Without one day of history the features are incomplete: persistence is the documented fallback.
                    f[h] = ok && double.IsFinite(delta) ? anchor + (delta * scale) : last;
                }

                result[w][k] = f;
            }
        }

        return result;
    }

    /// <summary>Every (work item, origin, step index, last value) of a batch.</summary>
    private static IEnumerable<(int W, int K, int H, double Last)> Walk(IReadOnlyList<(PreparedSeries Series, IReadOnlyList<int> Origins)> work, int steps)
    {
        for (var w = 0; w < work.Count; w++)
        {
            var (series, origins) = work[w];
            for (var k = 0; k < origins.Count; k++)
            {
                var last = series.Values[origins[k]];
                for (var h = 0; h < steps; h++)
                {
                    yield return (w, k, h, last);
                }
            }
        }
    }

    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Format);
        writer.Write(Version);
        writer.Write(TrainingRows);
        writer.Write((int)Anchor);
        writer.Write(FeatureBuilder.Count);
        writer.Write(_shrinkage.Length);
        foreach (var s in _shrinkage)
        {
            writer.Write(s);
        }

        var text = Encoding.UTF8.GetBytes(_booster.Save());
        writer.Write(text.Length);
        writer.Write(text);
    }

    /// <summary>
    /// Loads a model written by <see cref="Save"/>. Throws <see cref="InvalidDataException"/> for a payload of another
    /// layout or feature count (a model saved by an older version: retrain it). <paramref name="seed"/> is kept for
    /// compatibility; scoring is deterministic without it.
    /// </summary>
    public static GlobalGbmModel Load(Stream stream, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        string format;
        try
        {
            format = reader.ReadString();
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("the global model payload is empty or truncated", ex);
        }

        if (format != Format)
        {
            throw new InvalidDataException($"the global model payload has layout '{Truncate(format)}', expected '{Format}' (saved by an older version: retrain the model)");
        }

        var version = reader.ReadString();
        var rows = reader.ReadInt32();
        var anchor = (GbmAnchor)reader.ReadInt32();
        var columns = reader.ReadInt32();
        if (columns != FeatureBuilder.Count)
        {
            throw new InvalidDataException($"the global model has {columns} features, this version builds {FeatureBuilder.Count}: retrain the model");
        }

        var shrinkage = new double[reader.ReadInt32()];
        for (var i = 0; i < shrinkage.Length; i++)
        {
            shrinkage[i] = reader.ReadDouble();
        }

        var text = Encoding.UTF8.GetString(reader.ReadBytes(reader.ReadInt32()));
        return new GlobalGbmModel(LightGbmBooster.Load(text, columns), version, rows, anchor, shrinkage, new GlobalModelOptions().Threads);
    }

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
