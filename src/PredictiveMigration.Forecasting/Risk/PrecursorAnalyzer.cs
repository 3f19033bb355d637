using PredictiveMigration.Domain.Forecasting;

namespace PredictiveMigration.Forecasting.Risk;

/// <summary>
/// Failure precursors from application indicators on a regular grid: the error-rate ratio (mean of the last hour over
/// the mean of the previous day) and the latency drift (median of the last hour against the previous day's, in %).
/// </summary>
public static class PrecursorAnalyzer
{
    public static HealthSignals Signals(double anomalyScore, ReadOnlySpan<double> errorCounts, ReadOnlySpan<double> latencyMs, int stepsPerHour)
    {
        double? ratio = null;
        if (errorCounts.Length > stepsPerHour)
        {
            var recent = Mean(errorCounts[^stepsPerHour..]);
            var usual = Mean(errorCounts[Math.Max(0, errorCounts.Length - (25 * stepsPerHour))..^stepsPerHour]);
            // One error per interval on a quiet server is not a tenfold increase: the usual rate is floored at 1 per hour.
            ratio = recent / Math.Max(usual, 1.0 / stepsPerHour);
        }

        double? drift = null;
        if (latencyMs.Length > stepsPerHour)
        {
            var recent = Stats.Median(latencyMs[^stepsPerHour..]);
            var usual = Stats.Median(latencyMs[Math.Max(0, latencyMs.Length - (25 * stepsPerHour))..^stepsPerHour]);
            drift = usual > 0 ? 100 * (recent - usual) / usual : null;
        }

        return new HealthSignals(Math.Clamp(anomalyScore, 0, 1), ratio, drift);
    }

    private static double Mean(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (var v in values)
        {
            sum += v;
        }

        return values.Length == 0 ? 0 : sum / values.Length;
    }
}
