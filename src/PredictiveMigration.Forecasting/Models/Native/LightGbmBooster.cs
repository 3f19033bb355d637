using System.Globalization;
using System.Text;

namespace PredictiveMigration.Forecasting.Models.Native;

/// <summary>
/// A trained LightGBM booster (owns the native handle). Prediction is thread-safe in LightGBM; training happens in
/// <see cref="Train"/> only. Features are row-major <c>float</c> matrices of <see cref="Columns"/> columns.
/// </summary>
internal sealed class LightGbmBooster : IDisposable
{
    private IntPtr _handle;

    private LightGbmBooster(IntPtr handle, int columns)
    {
        _handle = handle;
        Columns = columns;
    }

    ~LightGbmBooster() => Free();

    public int Columns { get; }

    /// <summary>
    /// Trains <paramref name="iterations"/> rounds on <paramref name="features"/> (row-major, <paramref name="columns"/>
    /// per row) with the given LightGBM parameters (e.g. <c>objective=regression_l1 learning_rate=0.05</c>).
    /// </summary>
    public static LightGbmBooster Train(float[] features, float[] labels, float[]? weights, int columns, int iterations, string parameters)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        var rows = labels.Length;
        if (rows == 0 || features.Length != rows * columns)
        {
            throw new ArgumentException($"features must hold {columns} values per label ({rows} labels, {features.Length} values)", nameof(features));
        }

        LightGbmApi.Check(LightGbmApi.DatasetCreateFromMat(features, LightGbmApi.Float32, rows, columns, 1, parameters, IntPtr.Zero, out var dataset), "dataset creation");
        try
        {
            LightGbmApi.Check(LightGbmApi.DatasetSetField(dataset, "label", labels, rows, LightGbmApi.Float32), "setting labels");
            if (weights is not null)
            {
                LightGbmApi.Check(LightGbmApi.DatasetSetField(dataset, "weight", weights, rows, LightGbmApi.Float32), "setting weights");
            }

            LightGbmApi.Check(LightGbmApi.BoosterCreate(dataset, parameters, out var booster), "booster creation");
            var result = new LightGbmBooster(booster, columns);
            for (var i = 0; i < iterations; i++)
            {
                LightGbmApi.Check(LightGbmApi.BoosterUpdateOneIter(booster, out var finished), "training");
                if (finished != 0)
                {
                    break;
                }
            }

            return result;
        }
        finally
        {
            LightGbmApi.Check(LightGbmApi.DatasetFree(dataset), "dataset release");
        }
    }

    /// <summary>Raw predictions for each row of <paramref name="features"/> (row-major).</summary>
    public double[] Predict(float[] features, int threads)
    {
        ArgumentNullException.ThrowIfNull(features);
        ObjectDisposedException.ThrowIf(_handle == IntPtr.Zero, this);
        var rows = features.Length / Columns;
        var result = new double[rows];
        if (rows == 0)
        {
            return result;
        }

        var parameters = string.Create(CultureInfo.InvariantCulture, $"num_threads={Math.Max(1, threads)}");
        LightGbmApi.Check(LightGbmApi.BoosterPredictForMat(_handle, features, LightGbmApi.Float32, rows, Columns, 1, LightGbmApi.PredictNormal, 0, -1, parameters, out var length, result), "prediction");
        return length == rows ? result : throw new InvalidOperationException($"LightGBM returned {length} predictions for {rows} rows");
    }

    /// <summary>LightGBM's text model (portable across platforms and versions of the library).</summary>
    public string Save()
    {
        ObjectDisposedException.ThrowIf(_handle == IntPtr.Zero, this);
        LightGbmApi.Check(LightGbmApi.BoosterSaveModelToString(_handle, 0, -1, 0, 0, out var length, []), "model size");
        var buffer = new byte[length];
        LightGbmApi.Check(LightGbmApi.BoosterSaveModelToString(_handle, 0, -1, 0, length, out _, buffer), "model save");
        // The buffer ends with a NUL terminator.
        return Encoding.UTF8.GetString(buffer, 0, (int)Math.Max(0, length - 1));
    }

    public static LightGbmBooster Load(string model, int columns)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        LightGbmApi.Check(LightGbmApi.BoosterLoadModelFromString(model, out _, out var booster), "model load");
        return new LightGbmBooster(booster, columns);
    }

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private void Free()
    {
        var handle = Interlocked.Exchange(ref _handle, IntPtr.Zero);
        if (handle != IntPtr.Zero)
        {
            _ = LightGbmApi.BoosterFree(handle);
        }
    }
}
