using Microsoft.ML;
using Microsoft.ML.Data;
using PredictiveMigration.Forecasting.Series;

namespace PredictiveMigration.Forecasting.Models;

/// <summary>
/// The trained global model: one LightGBM regressor over all series, horizon as a feature, predicting the scaled
/// change from the last value. Scoring only; training lives in <see cref="GlobalModelTrainer"/>.
/// </summary>
public sealed class GlobalGbmModel
{
    private readonly MLContext _ml;
    private readonly ITransformer _transformer;

    internal GlobalGbmModel(MLContext ml, ITransformer transformer, string version, int trainingRows, GbmAnchor anchor)
    {
        _ml = ml;
        _transformer = transformer;
        Version = version;
        TrainingRows = trainingRows;
        Anchor = anchor;
    }

    /// <summary>What the model's output is a departure from (chosen on the training data).</summary>
    public GbmAnchor Anchor { get; }

    public string Version { get; }

    public int TrainingRows { get; }

    /// <summary>Forecasts steps 1..<paramref name="steps"/> from each origin, in one batch.</summary>
    public double[][] Forecast(PreparedSeries series, IReadOnlyList<int> origins, int steps)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(origins);
        return ForecastBatch([(series, origins)], steps)[0];
    }

    /// <summary>Batch scoring across several series (one ML.NET pass: what inference over a fleet uses).</summary>
    public double[][][] ForecastBatch(IReadOnlyList<(PreparedSeries Series, IReadOnlyList<int> Origins)> work, int steps)
    {
        ArgumentNullException.ThrowIfNull(work);
        var rows = new List<GbmFeatureRow>();
        var bases = new List<(double Last, double Scale, double Fallback, bool Ok)>();
        foreach (var (series, origins) in work)
        {
            foreach (var origin in origins)
            {
                var ok = FeatureBuilder.HasHistory(series, origin);
                var o = FeatureBuilder.AtOrigin(series, origin);
                bases.Add((Anchor == GbmAnchor.Last ? o.Last : o.Median1h, o.Scale, o.Last, ok));
                for (var h = 1; h <= steps; h++)
                {
                    var row = new GbmFeatureRow();
                    if (ok)
                    {
                        FeatureBuilder.Write(series, origin, h, o, row.Features);
                    }

                    rows.Add(row);
                }
            }
        }

        var scores = new float[rows.Count];
        if (rows.Count > 0)
        {
            var scored = _transformer.Transform(_ml.Data.LoadFromEnumerable(rows));
            var i = 0;
            foreach (var s in scored.GetColumn<float>(nameof(GbmPrediction.Score)))
            {
                scores[i++] = s;
            }
        }

        var result = new double[work.Count][][];
        var r = 0;
        var b = 0;
        for (var w = 0; w < work.Count; w++)
        {
            var (series, origins) = work[w];
            result[w] = new double[origins.Count][];
            for (var k = 0; k < origins.Count; k++)
            {
                var (anchor, scale, fallback, ok) = bases[b++];
                var f = new double[steps];
                for (var h = 0; h < steps; h++)
                {
                    var delta = Math.Clamp(scores[r++], -FeatureBuilder.TargetClip, FeatureBuilder.TargetClip);
                    // Without one day of history the features are incomplete: persistence is the documented fallback.
                    var value = ok && float.IsFinite(delta) ? anchor + (delta * scale) : fallback;
                    f[h] = series.IsPercent ? Math.Clamp(value, 0, 100) : Math.Max(0, value);
                }

                result[w][k] = f;
            }
        }

        return result;
    }

    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(Version);
        writer.Write(TrainingRows);
        writer.Write((int)Anchor);
        using var buffer = new MemoryStream();
        _ml.Model.Save(_transformer, null, buffer);
        writer.Write(buffer.Length);
        writer.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static GlobalGbmModel Load(Stream stream, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        var version = reader.ReadString();
        var rows = reader.ReadInt32();
        var anchor = (GbmAnchor)reader.ReadInt32();
        var length = reader.ReadInt64();
        using var buffer = new MemoryStream(reader.ReadBytes(checked((int)length)));
        var ml = new MLContext(seed);
        var transformer = ml.Model.Load(buffer, out _);
        return new GlobalGbmModel(ml, transformer, version, rows, anchor);
    }
}
