using System.Globalization;

namespace PredictiveMigration.Domain.Connectors;

/// <summary>
/// The migration transfer rate learned from past migrations, robustly and hierarchically.
/// <list type="bullet">
/// <item>Rates (MB/s of successful transfers) are summarised in log space by three quantiles: low
/// (<see cref="TransferRateOptions.LowQuantile"/>), median and high. Quantiles, not means: one stalled transfer does
/// not drag the estimate.</item>
/// <item>Levels: global → size band → size band × hour of day (UTC). Each level is shrunk towards its parent:
/// <c>q = (n·q_own + k·q_parent) / (n + k)</c> with k = <see cref="TransferRateOptions.PriorStrength"/>, so a thin
/// cell borrows from its band, a thin band from the global rate, and an empty history gives the configured default.</item>
/// <item>Day of week: the median residual of an observation's log rate against its cell's median, per weekday, shrunk
/// towards 0 the same way, shifts all three quantiles.</item>
/// <item>Failures: the failure share of the size band, shrunk towards the global share, inflates upper-bound durations
/// (a failed copy is retried once).</item>
/// </list>
/// Immutable and deterministic: the same history gives the same model.
/// </summary>
public sealed class TransferRateModel
{
    private const int Hours = 24;
    private readonly TransferRateOptions _options;
    private readonly LogQuantiles _global;
    private readonly LogQuantiles[] _bands;
    private readonly LogQuantiles[,] _cells;
    private readonly double[] _dayShift;
    private readonly double[] _bandFailureRate;

    private TransferRateModel(TransferRateOptions options, LogQuantiles global, LogQuantiles[] bands, LogQuantiles[,] cells, double[] dayShift, double[] bandFailureRate, int observations)
    {
        _options = options;
        _global = global;
        _bands = bands;
        _cells = cells;
        _dayShift = dayShift;
        _bandFailureRate = bandFailureRate;
        Observations = observations;
    }

    /// <summary>Successful observations learned from.</summary>
    public int Observations { get; }

    /// <summary>The global median rate (MB/s) after shrinkage towards the default.</summary>
    public double GlobalMedianMBps => Math.Exp(_global.Median);

    /// <summary>Learns from <paramref name="history"/>; observations with no bytes or no duration are ignored.</summary>
    public static TransferRateModel Learn(IEnumerable<MigrationObservation> history, TransferRateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        options ??= new TransferRateOptions();
        options.Validate();
        var usable = history.Where(o => !double.IsNaN(o.RateMBps)).ToList();
        var ok = usable.Where(o => o.Succeeded).Select(o => (Obs: o, LogRate: Math.Log(o.RateMBps), Band: BandOf(options, o.DataBytes))).ToList();
        var k = options.PriorStrength;
        var bandCount = options.SizeBandEdges.Count + 1;

        var defaults = new LogQuantiles(
            Math.Log(options.DefaultRateMBps * options.DefaultLowFactor),
            Math.Log(options.DefaultRateMBps),
            Math.Log(options.DefaultRateMBps * options.DefaultHighFactor),
            0);
        var global = Shrink(Summarise(ok.Select(o => o.LogRate), options), defaults, k);

        var bands = new LogQuantiles[bandCount];
        var cells = new LogQuantiles[bandCount, Hours];
        for (var b = 0; b < bandCount; b++)
        {
            var inBand = ok.Where(o => o.Band == b).ToList();
            bands[b] = Shrink(Summarise(inBand.Select(o => o.LogRate), options), global, k);
            for (var h = 0; h < Hours; h++)
            {
                cells[b, h] = Shrink(Summarise(inBand.Where(o => o.Obs.StartedAt.UtcDateTime.Hour == h).Select(o => o.LogRate), options), bands[b], k);
            }
        }

        var dayShift = new double[7];
        for (var d = 0; d < 7; d++)
        {
            var residuals = ok.Where(o => (int)o.Obs.StartedAt.UtcDateTime.DayOfWeek == d)
                .Select(o => o.LogRate - cells[o.Band, o.Obs.StartedAt.UtcDateTime.Hour].Median)
                .ToArray();
            dayShift[d] = residuals.Length == 0 ? 0 : residuals.Length / (residuals.Length + k) * Quantile([.. residuals.Order()], 0.5);
        }

        var globalFailure = usable.Count == 0 ? 0 : (double)usable.Count(o => !o.Succeeded) / usable.Count;
        var bandFailure = new double[bandCount];
        for (var b = 0; b < bandCount; b++)
        {
            var inBand = usable.Where(o => BandOf(options, o.DataBytes) == b).ToList();
            bandFailure[b] = (inBand.Count(o => !o.Succeeded) + (k * globalFailure)) / (inBand.Count + k);
        }

        return new TransferRateModel(options, global, bands, cells, dayShift, bandFailure, ok.Count);
    }

    /// <summary>The size band of a transfer (0 = smallest).</summary>
    public int SizeBand(long dataBytes) => BandOf(_options, dataBytes);

    /// <summary>The rate a transfer of <paramref name="dataBytes"/> starting at <paramref name="start"/> is expected to move at.</summary>
    public TransferRateEstimate Estimate(long dataBytes, DateTimeOffset start)
    {
        var band = SizeBand(dataBytes);
        var utc = start.UtcDateTime;
        var cell = _cells[band, utc.Hour];
        var shift = _dayShift[(int)utc.DayOfWeek];
        var weight = cell.Count / (cell.Count + _options.PriorStrength);
        var basis = string.Create(CultureInfo.InvariantCulture, $"size band {BandLabel(band)}, {utc.Hour:D2}:00 UTC, {utc.DayOfWeek}: {cell.Count} samples ({weight:P0} own data)");
        // Rounded to 10^-6 MB/s (1 byte/s): exp(log(x)) is not always x, and durations should be exact for exact rates.
        return new TransferRateEstimate(
            Math.Round(Math.Exp(cell.Low + shift), 6),
            Math.Round(Math.Exp(cell.Median + shift), 6),
            Math.Round(Math.Exp(cell.High + shift), 6),
            _bandFailureRate[band],
            cell.Count,
            basis);
    }

    private string BandLabel(int band)
    {
        var edges = _options.SizeBandEdges;
        static string Gb(long bytes) => (bytes / 1e9).ToString("0.##", CultureInfo.InvariantCulture) + " GB";
        return band == 0 ? "< " + Gb(edges[0])
            : band == edges.Count ? ">= " + Gb(edges[^1])
            : Gb(edges[band - 1]) + "-" + Gb(edges[band]);
    }

    private static int BandOf(TransferRateOptions options, long bytes)
    {
        var edges = options.SizeBandEdges;
        for (var i = 0; i < edges.Count; i++)
        {
            if (bytes < edges[i])
            {
                return i;
            }
        }

        return edges.Count;
    }

    private static LogQuantiles? Summarise(IEnumerable<double> logRates, TransferRateOptions options)
    {
        var sorted = logRates.Order().ToArray();
        return sorted.Length == 0 ? null : new LogQuantiles(Quantile(sorted, options.LowQuantile), Quantile(sorted, 0.5), Quantile(sorted, options.HighQuantile), sorted.Length);
    }

    private static LogQuantiles Shrink(LogQuantiles? own, LogQuantiles parent, double k)
    {
        if (own is not { } o)
        {
            return parent with { Count = 0 };
        }

        var w = o.Count / (o.Count + k);
        return new LogQuantiles(
            (w * o.Low) + ((1 - w) * parent.Low),
            (w * o.Median) + ((1 - w) * parent.Median),
            (w * o.High) + ((1 - w) * parent.High),
            o.Count);
    }

    /// <summary>Linear interpolation between order statistics (Hyndman-Fan type 7).</summary>
    private static double Quantile(double[] sorted, double q)
    {
        if (sorted.Length == 1)
        {
            return sorted[0];
        }

        var pos = q * (sorted.Length - 1);
        var lo = (int)Math.Floor(pos);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((pos - lo) * (sorted[hi] - sorted[lo]));
    }

    /// <summary>Quantiles of log rate and the sample count behind them.</summary>
    private readonly record struct LogQuantiles(double Low, double Median, double High, int Count);
}
