using PredictiveMigration.Forecasting.Series;

namespace PredictiveMigration.Forecasting.Models;

/// <summary>
/// Additive Holt-Winters (ETS(A,Ad,A)) written by hand: level, damped trend and a seasonal profile of the detected
/// period. Smoothing parameters (and whether to keep the season) are chosen by grid search on the mean of the
/// one-step and hour-ahead absolute errors over the training part. Gaps are read as forward-filled values. With less than two periods of history the season is dropped
/// (damped Holt), and with fewer than three points the fit falls back to persistence.
/// </summary>
public sealed class HoltWintersForecaster : IForecaster
{
    public const string ModelName = "holt_winters";

    // Grids are coarse on purpose: the error surface is flat near its minimum, and 4 x 3 x 3 fits keep a
    // month of 5-minute data under a few milliseconds per series.
    private static readonly double[] Alphas = [0.05, 0.2, 0.5, 0.9];
    private static readonly double[] Betas = [0.0, 0.01, 0.05];
    private static readonly double[] Gammas = [0.01, 0.05, 0.2];

    // Damping < 1 stops a short-lived slope from being extrapolated for a day; 0.98 halves its effect in ~35 steps.
    private const double Phi = 0.98;

    /// <summary>Steps ahead (one hour at 5 minutes) whose error also drives the parameter search.</summary>
    private const int SelectionHorizon = 12;

    private static readonly double DampSum = Enumerable.Range(1, SelectionHorizon).Sum(i => Math.Pow(Phi, i));

    public string Name => ModelName;

    public IFittedForecaster Fit(PreparedSeries series, int trainEnd)
    {
        ArgumentNullException.ThrowIfNull(series);
        var values = series.Values;
        trainEnd = Math.Clamp(trainEnd, 0, values.Length);
        if (trainEnd < 3)
        {
            return new Fitted(values, new State(values.Length), 1, 0, 0, 0);
        }

        var period = SeasonalityDetector.DetectPeriod(values.AsSpan(0, trainEnd), series.StepsPerDay);
        if (trainEnd < 2 * period)
        {
            period = 1;
        }

        double bestA = 0.5, bestB = 0, bestG = 0, bestErr = double.PositiveInfinity;
        var bestPeriod = 1;
        var scratch = new State(trainEnd);
        // The non-seasonal variant competes too: a trend can masquerade as a season in the autocorrelation.
        foreach (var p in period > 1 ? new[] { period, 1 } : [1])
        {
            foreach (var a in Alphas)
            {
                foreach (var b in Betas)
                {
                    foreach (var g in p > 1 ? Gammas : [0.0])
                    {
                        var err = Run(values.AsSpan(0, trainEnd), p, a, b, g, scratch);
                        if (err < bestErr)
                        {
                            (bestA, bestB, bestG, bestErr, bestPeriod) = (a, b, g, err, p);
                        }
                    }
                }
            }
        }

        var state = new State(values.Length);
        _ = Run(values, bestPeriod, bestA, bestB, bestG, state);
        return new Fitted(values, state, bestPeriod, bestA, bestB, bestG);
    }

    /// <summary>
    /// Runs the filter over <paramref name="y"/>, recording the state after each point; returns the mean of the
    /// one-step and hour-ahead absolute errors. Seasonal start: level and trend from the means of the first two periods, seasonal indices from
    /// the detrended first period.
    /// </summary>
    private static double Run(ReadOnlySpan<double> y, int period, double alpha, double beta, double gamma, State state)
    {
        double level, trend;
        int start;
        if (period > 1)
        {
            double m1 = 0, m2 = 0;
            for (var i = 0; i < period; i++)
            {
                m1 += y[i];
                m2 += y[i + period];
            }

            m1 /= period;
            m2 /= period;
            trend = (m2 - m1) / period;
            var centre = (period - 1) / 2.0;
            for (var t = 0; t < period; t++)
            {
                var fit = m1 + (trend * (t - centre));
                state.Season[t] = y[t] - fit;
                state.Level[t] = fit;
                state.Trend[t] = trend;
            }

            level = m1 + (trend * centre);
            start = period;
        }
        else
        {
            level = y[0];
            trend = 0;
            state.Level[0] = level;
            start = 1;
        }

        double err = 0;
        var count = 0;
        for (var t = start; t < y.Length; t++)
        {
            var s = period > 1 ? state.Season[t - period] : 0;
            err += Math.Abs(y[t] - (level + (Phi * trend) + s));
            count++;
            if (t - SelectionHorizon >= start)
            {
                // The hour-ahead error counts as much as the one-step error: the forecasts that matter are minutes to hours out.
                var o = t - SelectionHorizon;
                err += Math.Abs(y[t] - (state.Level[o] + (DampSum * state.Trend[o]) + s));
                count++;
            }
            var newLevel = (alpha * (y[t] - s)) + ((1 - alpha) * (level + (Phi * trend)));
            trend = (beta * (newLevel - level)) + ((1 - beta) * Phi * trend);
            level = newLevel;
            state.Level[t] = level;
            state.Trend[t] = trend;
            state.Season[t] = period > 1 ? (gamma * (y[t] - level)) + ((1 - gamma) * s) : 0;
        }

        return count == 0 ? double.PositiveInfinity : err / count;
    }

    internal sealed class State(int length)
    {
        public double[] Level { get; } = new double[length];

        public double[] Trend { get; } = new double[length];

        public double[] Season { get; } = new double[length];
    }

    internal sealed class Fitted : IFittedForecaster
    {
        private readonly double[] _values;
        private readonly State _state;

        internal Fitted(double[] values, State state, int period, double alpha, double beta, double gamma)
        {
            _values = values;
            _state = state;
            Period = period;
            Alpha = alpha;
            Beta = beta;
            Gamma = gamma;
        }

        public string Name => ModelName;

        public int Period { get; }

        public double Alpha { get; }

        public double Beta { get; }

        public double Gamma { get; }

        public void Forecast(int origin, Span<double> destination)
        {
            if (Alpha == 0 && Beta == 0 && Gamma == 0)
            {
                destination.Fill(_values[origin]);
                return;
            }

            var level = _state.Level[origin];
            var trend = _state.Trend[origin];
            double damp = 0, phiPow = 1;
            for (var h = 1; h <= destination.Length; h++)
            {
                phiPow *= Phi;
                damp += phiPow;
                double s = 0;
                if (Period > 1)
                {
                    var idx = origin + h - (Period * (((h - 1) / Period) + 1));
                    s = idx >= 0 ? _state.Season[idx] : 0;
                }

                destination[h - 1] = level + (damp * trend) + s;
            }
        }
    }
}
