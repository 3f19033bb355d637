namespace PredictiveMigration.Forecasting.Models;

/// <summary>Picks the seasonal period (daily or weekly) from the autocorrelation of the training data.</summary>
public static class SeasonalityDetector
{
    /// <summary>
    /// Returns the candidate lag (in steps) with the highest autocorrelation, among one day and one week when the data
    /// holds at least two full cycles of it; one day when nothing qualifies (the documented fallback).
    /// </summary>
    public static int DetectPeriod(ReadOnlySpan<double> values, int stepsPerDay)
    {
        var best = stepsPerDay;
        var bestAcf = double.NegativeInfinity;
        foreach (var lag in new[] { stepsPerDay, stepsPerDay * 7 })
        {
            if (values.Length < 2 * lag)
            {
                continue;
            }

            var acf = Autocorrelation(values, lag);
            // A weekly lag must beat the daily one clearly: it has half the pairs, so its estimate is noisier.
            var margin = lag == stepsPerDay ? 0 : 0.05;
            if (acf > bestAcf + margin)
            {
                best = lag;
                bestAcf = acf;
            }
        }

        return best;
    }

    public static double Autocorrelation(ReadOnlySpan<double> values, int lag)
    {
        if (lag <= 0 || lag >= values.Length)
        {
            return 0;
        }

        double mean = 0;
        foreach (var v in values)
        {
            mean += v;
        }

        mean /= values.Length;
        double num = 0, den = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var d = values[i] - mean;
            den += d * d;
            if (i + lag < values.Length)
            {
                num += d * (values[i + lag] - mean);
            }
        }

        return den <= 0 ? 0 : num / den;
    }
}
