using PredictiveMigration.Forecasting.Series;

namespace PredictiveMigration.Cli.Forecasting;

/// <summary>Synthetic CPU % series for the forecast benchmark: daily and weekly seasonality, slow trend, noise and bursts; seeded per server.</summary>
internal static class SyntheticUsage
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    public static PreparedSeries Server(int index, int days, int seed)
    {
        var rng = new Random(HashCode.Combine(seed, index));
        var n = days * 288;
        var level = 10 + (60 * rng.NextDouble());
        var daily = 5 + (20 * rng.NextDouble());
        var weekend = rng.NextDouble() * 0.6;
        var trend = (rng.NextDouble() - 0.5) * 0.002;
        var noise = 0.5 + (3 * rng.NextDouble());
        var phase = rng.NextDouble() * 2 * Math.PI;
        var values = new double[n];
        var burst = 0.0;
        for (var t = 0; t < n; t++)
        {
            var day = t / 288 % 7;
            var season = daily * Math.Sin((2 * Math.PI * t / 288) + phase) * (day >= 5 ? 1 - weekend : 1);
            burst = rng.NextDouble() < 0.002 ? 20 + (20 * rng.NextDouble()) : burst * 0.8;
            var gaussian = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            values[t] = Math.Clamp(level + season + (trend * t) + burst + (noise * gaussian), 0, 100);
        }

        return new PreparedSeries($"srv-{index}", "cpu", Start, SeriesGrid.DefaultStep, values, Enumerable.Repeat(true, n).ToArray(), null, SeriesArtefacts.None, isPercent: true);
    }
}
