using System.Diagnostics;
using PredictiveMigration.Forecasting.Intervals;
using PredictiveMigration.Forecasting.Models;
using PredictiveMigration.Forecasting.Series;

namespace PredictiveMigration.Forecasting.Backtesting;

/// <summary>
/// Rolling-origin evaluation. Each series is split in time into train (fit), calibration (model selection, first
/// conformal residuals) and test (reported). At every origin from the end of training, each model forecasts steps
/// 1..H; intervals at an origin come only from residuals whose targets were already observed then, so nothing in
/// the reported figures looks ahead. Gaps are never scored.
/// </summary>
public sealed class Backtester(BacktestOptions options)
{
    /// <summary>Name of the per-series choice: per horizon step, the model with the lowest calibration MAE on that series.</summary>
    public const string AutoName = "auto";

    /// <summary>Name of the combination: per step, the median of naive, median_1h, holt_winters and global_gbm.</summary>
    public const string EnsembleName = "ensemble";

    /// <summary>Alert probabilities tried on the calibration part.</summary>
    private static readonly double[] AlertCandidates = [0.01, 0.02, 0.03, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];

    /// <summary>Consecutive origins at or above the alert probability tried on the calibration part (1 = any single origin).</summary>
    private static readonly int[] ConsecutiveCandidates = [1, 2, 3];

    /// <summary>Leader probabilities tried for the fleet signal on the calibration part (0 = off; see <see cref="FleetSignal"/>).</summary>
    private static readonly double[] FleetCandidates = [0, 0.1, 0.2];

    public BacktestOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Per origin and step, the median of the members' forecasts (robust to one member going astray).</summary>
    internal static double[][] Combine(params double[][][] members)
    {
        var result = new double[members[0].Length][];
        Span<double> buffer = stackalloc double[members.Length];
        for (var k = 0; k < result.Length; k++)
        {
            result[k] = new double[members[0][k].Length];
            for (var h = 0; h < result[k].Length; h++)
            {
                for (var m = 0; m < members.Length; m++)
                {
                    buffer[m] = members[m][k][h];
                }

                result[k][h] = Stats.Median(buffer);
            }
        }

        return result;
    }

    public BacktestReport Run(IReadOnlyList<PreparedSeries> input, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var h = Options.HorizonSteps;
        var skipped = new List<string>();
        var usable = new List<(PreparedSeries Series, int TrainEnd, int CalibEnd)>();
        foreach (var s in input)
        {
            var trainEnd = (int)(s.Length * Options.TrainFraction);
            var calibEnd = (int)(s.Length * (Options.TrainFraction + Options.CalibrationFraction));
            if (trainEnd < 2 * s.StepsPerDay || s.Length - calibEnd < 2 * h || calibEnd - trainEnd < 2 * h)
            {
                skipped.Add($"{s.Id}: {s.Length} points is too short (needs two days of training and room for calibration and test)");
                continue;
            }

            usable.Add((s, trainEnd, calibEnd));
        }

        if (usable.Count == 0)
        {
            throw new ArgumentException("no series is long enough to backtest: " + string.Join("; ", skipped), nameof(input));
        }

        var metric = usable[0].Series.Metric;
        var threshold = Options.Threshold ?? BacktestOptions.DefaultThreshold(metric);
        var minRun = Options.EventMinRun ?? BacktestOptions.DefaultMinRun(metric);

        var forecasters = new List<IForecaster> { new NaiveForecaster(), new SeasonalNaiveForecaster(), new RecentMedianForecaster(), new LevelShiftMedianForecaster(), new HoltWintersForecaster(), new AnalogForecaster() };
        string? globalVersion = null;
        GlobalGbmModel? globalModel = null;
        var trainingSeconds = 0.0;
        if (Options.Global is { } globalOptions)
        {
            var horizons = globalOptions.Horizons.Where(x => x <= h).ToList();
            for (var x = 1; x <= h; x++)
            {
                if (x <= 12 && !horizons.Contains(x))
                {
                    horizons.Add(x);
                }
            }

            progress?.Report($"training the global model on the first {Options.TrainFraction:P0} of {usable.Count} series");
            var sw = Stopwatch.StartNew();
            var model = new GlobalModelTrainer(globalOptions with { Horizons = horizons.Order().ToList() })
                .Train(usable.Select(u => (u.Series, u.TrainEnd)).ToList());
            trainingSeconds = sw.Elapsed.TotalSeconds;
            progress?.Report($"trained {model.Version} in {trainingSeconds:F1} s; shrinkage towards persistence per step: {string.Join(' ', model.Shrinkage.Take(h).Select(x => x.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))}");
            globalVersion = model.Version;
            globalModel = model;
            forecasters.Add(new GlobalGbmForecaster(model));
        }

        var names = forecasters.Select(f => f.Name).Concat(Options.Global is null ? [AutoName] : [EnsembleName, AutoName]).ToList();
        var overall = names.ToDictionary(n => n, _ => new ScoreAccumulator(Options.Levels));
        var calibration = names.ToDictionary(n => n, _ => (Abs: 0.0, Count: 0L));
        var perSeries = new List<(SeriesRun Run, Dictionary<string, ScoreAccumulator> Scores)>();
        foreach (var (series, trainEnd, calibEnd) in usable)
        {
            progress?.Report($"backtesting {series.Id} ({series.Length} points)");
            var run = new SeriesRun(this, series, trainEnd, calibEnd, forecasters);
            run.Forecast();
            foreach (var name in names)
            {
                var (abs, count) = run.CalibrationError(name);
                calibration[name] = (calibration[name].Abs + abs, calibration[name].Count + count);
            }

            var scores = run.Score();
            foreach (var (name, acc) in scores)
            {
                overall[name].Merge(acc);
            }

            perSeries.Add((run, scores));
        }

        var calibrationMae = calibration.ToDictionary(kv => kv.Key, kv => kv.Value.Count == 0 ? double.NaN : kv.Value.Abs / kv.Value.Count);
        var selected = calibrationMae.Where(kv => !double.IsNaN(kv.Value)).OrderBy(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).First().Key;

        // Exhaustion alerts from the selected model; the alert probability is chosen on the calibration part (best F1).
        var exhaustion = perSeries.Select(p => (Probabilities: p.Run.AlertProbabilities(selected, threshold), Onsets: p.Run.Onsets(threshold, minRun))).ToList();
        // The rule (probability, consecutive origins, history gate, fleet signal) is chosen jointly on the calibration part by F1;
        // ties keep the simpler rule (fewer consecutive origins, no gate), which comes first.
        var rule = new AlertRule(Options.AlertProbability, 1, false, 0);
        var fleetSignal = FleetSignal.Learn(perSeries.Select(p => p.Run.Series).ToList(), perSeries.Select(p => p.Run.CalibrationFrom + 1).ToList(), exhaustion.Select(x => x.Onsets).ToList(), threshold, h);
        var fleet = FleetCandidates.ToDictionary(q => q, q => perSeries.Select((p, i) => q > 0 ? fleetSignal.Active(i, p.Run.Origins, q) : null).ToList());
        var bestF1 = -1.0;
        foreach (var q in FleetCandidates)
        {
            foreach (var gate in new[] { false, true })
            {
                foreach (var consecutive in ConsecutiveCandidates)
                {
                    foreach (var candidate in AlertCandidates)
                    {
                        int ce = 0, cd = 0, ca = 0, ct = 0;
                        var trial = new AlertRule(candidate, consecutive, gate, q);
                        for (var i = 0; i < perSeries.Count; i++)
                        {
                            var run = perSeries[i].Run;
                            var (e, d, a, t, _) = run.Count(exhaustion[i].Probabilities, exhaustion[i].Onsets, trial, fleet[q][i], threshold, run.CalibrationFrom, run.TestFrom);
                            (ce, cd, ca, ct) = (ce + e, cd + d, ca + a, ct + t);
                        }

                        var f1 = ExhaustionScores.From(ce, cd, ca, ct, 0).F1;
                        if (ce > 0 && f1 > bestF1)
                        {
                            (bestF1, rule) = (f1, trial);
                        }
                    }
                }
            }
        }

        int events = 0, detected = 0, alerts = 0, trueAlerts = 0, flatStarts = 0;
        var seriesReports = new List<SeriesBacktest>();
        for (var i = 0; i < perSeries.Count; i++)
        {
            var (run, scores) = perSeries[i];
            var (e, d, a, t, flat) = run.Count(exhaustion[i].Probabilities, exhaustion[i].Onsets, rule, fleet.TryGetValue(rule.Fleet, out var f) ? f[i] : null, threshold, run.TestFrom, run.Series.Length - 1);
            (events, detected, alerts, trueAlerts, flatStarts) = (events + e, detected + d, alerts + a, trueAlerts + t, flatStarts + flat);
            seriesReports.Add(new SeriesBacktest(
                run.Series.Id,
                run.Series.Length,
                (int)scores[NaiveForecaster.ModelName].Count,
                run.SeasonalPeriod,
                run.AutoChoice,
                scores.ToDictionary(kv => kv.Key, kv => kv.Value.ToScores()),
                ExhaustionScores.From(e, d, a, t, (int)(run.Series.Step.TotalMinutes * Options.LeadSteps)) with { FlatStarts = flat },
                run.Chart(selected, threshold)));
        }

        var leadMinutes = (int)(usable[0].Series.Step.TotalMinutes * Options.LeadSteps);
        return new BacktestReport(
            metric,
            h,
            usable[0].Series.Step,
            selected,
            overall.ToDictionary(kv => kv.Key, kv => kv.Value.ToScores()),
            calibrationMae,
            ExhaustionScores.From(events, detected, alerts, trueAlerts, leadMinutes) with { AlertProbability = rule.Probability, AlertConsecutive = rule.Consecutive, AlertHistoryGate = rule.HistoryGate, AlertFleet = rule.Fleet, Threshold = threshold, FlatStarts = flatStarts },
            seriesReports,
            skipped,
            globalVersion,
            trainingSeconds)
        {
            GlobalModel = globalModel,
            TrainedFrom = usable.Min(u => u.Series.Start),
            TrainedTo = usable.Max(u => u.Series.TimeAt(u.TrainEnd)),
        };
    }

    /// <summary>
    /// The alert rule: active when the probability of reaching the threshold within the horizon is at least
    /// <paramref name="Probability"/> at <paramref name="Consecutive"/> consecutive origins (a single high origin is
    /// often a blip) and, with <paramref name="HistoryGate"/>, only on a series that reached the threshold in the week
    /// before the origin (a series that never gets near it is not alerted on); or, with <paramref name="Fleet"/> &gt; 0,
    /// when a leading series (leader probability ≥ Fleet, <see cref="FleetSignal"/>) has just risen.
    /// </summary>
    internal readonly record struct AlertRule(double Probability, int Consecutive, bool HistoryGate, double Fleet);

    /// <summary>One series: forecasts of every model at every origin from the end of training, their residuals and rolling intervals.</summary>
    private sealed class SeriesRun
    {
        private readonly Backtester _owner;
        private readonly int _trainEnd;
        private readonly int _calibEnd;
        private readonly IReadOnlyList<IForecaster> _forecasters;
        private readonly Dictionary<string, double[][]> _forecasts = new(StringComparer.Ordinal);
        private readonly List<int> _origins = [];

        public SeriesRun(Backtester owner, PreparedSeries series, int trainEnd, int calibEnd, IReadOnlyList<IForecaster> forecasters)
        {
            _owner = owner;
            Series = series;
            _trainEnd = trainEnd;
            _calibEnd = calibEnd;
            _forecasters = forecasters;
            AutoChoice = NaiveForecaster.ModelName;
        }

        public PreparedSeries Series { get; }

        public int SeasonalPeriod { get; private set; }

        public string AutoChoice { get; private set; }

        private int H => _owner.Options.HorizonSteps;

        public void Forecast()
        {
            for (var o = _trainEnd - 1; o < Series.Length - 1; o++)
            {
                _origins.Add(o);
            }

            foreach (var f in _forecasters)
            {
                var fitted = f.Fit(Series, _trainEnd);
                if (fitted is SeasonalNaiveForecaster.Fitted sn)
                {
                    SeasonalPeriod = sn.Period;
                }

                _forecasts[f.Name] = fitted.ForecastMany(_origins, H);
            }

            if (_forecasts.ContainsKey(GlobalGbmForecaster.ModelName))
            {
                _forecasts[EnsembleName] = Combine(_forecasts[NaiveForecaster.ModelName], _forecasts[RecentMedianForecaster.ModelName], _forecasts[HoltWintersForecaster.ModelName], _forecasts[GlobalGbmForecaster.ModelName]);
            }

            // Per horizon step, the model with the lowest calibration MAE on this series (persistence tends to win the
            // first steps of CPU, seasonal or learned models the later ones). Adding the mean of every pair of models to
            // the candidates lowered the calibration MAE but raised the test MAE (1.842 against 1.833 on Bitbrains CPU):
            // with ~20 candidates per step the choice fits the calibration noise, so it was taken out again.
            var candidates = _forecasts.Keys.Where(n => n != AutoName).ToList();
            var choice = new string[H];
            for (var step = 1; step <= H; step++)
            {
                choice[step - 1] = candidates.OrderBy(n => CalibrationError(n, step) is var (a, c) && c > 0 ? a / c : double.MaxValue).ThenBy(n => n, StringComparer.Ordinal).First();
            }

            var auto = new double[_origins.Count][];
            for (var k = 0; k < auto.Length; k++)
            {
                auto[k] = new double[H];
                for (var step = 0; step < H; step++)
                {
                    auto[k][step] = _forecasts[choice[step]][k][step];
                }
            }

            _forecasts[AutoName] = auto;
            // Runs of consecutive steps, e.g. "naive:1-1,global_gbm:2-6,median_1h:7-12".
            var runs = new List<string>();
            for (var from = 0; from < H;)
            {
                var to = from;
                while (to + 1 < H && choice[to + 1] == choice[from])
                {
                    to++;
                }

                runs.Add($"{choice[from]}:{from + 1}-{to + 1}");
                from = to + 1;
            }

            AutoChoice = string.Join(",", runs);
        }

        /// <summary>Sum of absolute errors and count over calibration origins (targets inside the calibration part).</summary>
        public (double Abs, long Count) CalibrationError(string name, int onlyStep = 0) => CalibrationError(_forecasts[name], onlyStep);

        private (double Abs, long Count) CalibrationError(double[][] f, int onlyStep)
        {
            double abs = 0;
            long count = 0;
            for (var k = 0; k < _origins.Count; k++)
            {
                var o = _origins[k];
                for (var step = onlyStep > 0 ? onlyStep : 1; step <= (onlyStep > 0 ? onlyStep : H); step++)
                {
                    var t = o + step;
                    if (t >= _calibEnd)
                    {
                        break;
                    }

                    if (Series.Observed[t])
                    {
                        abs += Math.Abs(Series.Values[t] - f[k][step - 1]);
                        count++;
                    }
                }
            }

            return (abs, count);
        }

        /// <summary>Walks the origins, refreshing each model's residual windows from already-observed targets.</summary>
        private IEnumerable<(int K, int Origin, ResidualWindow[] Windows)> Walk(string name)
        {
            var f = _forecasts[name];
            var windows = new ResidualWindow[H];
            for (var i = 0; i < H; i++)
            {
                windows[i] = new ResidualWindow();
            }

            var refresh = _owner.Options.RefreshEvery;
            var window = _owner.Options.ConformalWindow;
            for (var k = 0; k < _origins.Count; k++)
            {
                var o = _origins[k];
                if (k % refresh == 0 || windows[0].Count == 0)
                {
                    for (var step = 1; step <= H; step++)
                    {
                        // Origins whose target (origin + step) is at or before o: known at o.
                        var lastK = k - step;
                        var firstK = Math.Max(0, lastK - window + 1);
                        var residuals = new List<double>(Math.Max(0, lastK - firstK + 1));
                        for (var j = firstK; j <= lastK; j++)
                        {
                            var t = _origins[j] + step;
                            if (Series.Observed[t])
                            {
                                residuals.Add(Series.Values[t] - f[j][step - 1]);
                            }
                        }

                        windows[step - 1].Reset(residuals);
                    }
                }

                yield return (k, o, windows);
            }
        }

        public Dictionary<string, ScoreAccumulator> Score()
        {
            var levels = _owner.Options.Levels;
            var result = new Dictionary<string, ScoreAccumulator>(StringComparer.Ordinal);
            var naive = _forecasts[NaiveForecaster.ModelName];
            var seasonal = _forecasts[SeasonalNaiveForecaster.ModelName];
            var bands = new (double, double)[levels.Count];
            foreach (var name in _forecasts.Keys)
            {
                var acc = new ScoreAccumulator(levels);
                var f = _forecasts[name];
                foreach (var (k, o, windows) in Walk(name))
                {
                    if (o < _calibEnd - 1)
                    {
                        continue;
                    }

                    for (var step = 1; step <= H; step++)
                    {
                        var t = o + step;
                        if (t >= Series.Length)
                        {
                            break;
                        }

                        if (!Series.Observed[t])
                        {
                            continue;
                        }

                        var point = f[k][step - 1];
                        for (var l = 0; l < levels.Count; l++)
                        {
                            bands[l] = Clip(windows[step - 1].Interval(point, levels[l]));
                        }

                        acc.Add(Series.Values[t], point, naive[k][step - 1], seasonal[k][step - 1], bands);
                    }
                }

                result[name] = acc;
            }

            return result;
        }

        private (double, double) Clip((double Lower, double Upper) band) =>
            Series.IsPercent ? (Math.Clamp(band.Lower, 0, 100), Math.Clamp(band.Upper, 0, 100)) : (Math.Max(0, band.Lower), band.Upper);

        /// <summary>
        /// Event onsets: a run of at least <paramref name="minRun"/> observed samples at or above the threshold, after a
        /// full horizon below it (a dip shorter than the horizon continues the previous episode).
        /// </summary>
        public List<int> Onsets(double threshold, int minRun)
        {
            var v = Series.Values;
            var onsets = new List<int>();
            var below = 0;
            for (var t = 0; t + minRun - 1 < v.Length; t++)
            {
                if (v[t] < threshold)
                {
                    below++;
                    continue;
                }

                var run = true;
                for (var j = t; j < t + minRun; j++)
                {
                    run &= Series.Observed[j] && v[j] >= threshold;
                }

                if (run && below >= H)
                {
                    onsets.Add(t);
                }

                below = 0;
            }

            return onsets;
        }

        /// <summary>Per origin, the probability of reaching the threshold within the horizon; NaN where the value is already at or above it (no early warning possible).</summary>
        public double[] AlertProbabilities(string model, double threshold)
        {
            var f = _forecasts[model];
            var result = new double[_origins.Count];
            foreach (var (k, o, windows) in Walk(model))
            {
                if (Series.Values[o] >= threshold)
                {
                    result[k] = double.NaN;
                    continue;
                }

                var p = 0.0;
                for (var step = 1; step <= H; step++)
                {
                    p = Math.Max(p, windows[step - 1].ProbabilityAtLeast(f[k][step - 1], threshold));
                }

                result[k] = p;
            }

            return result;
        }

        /// <summary>
        /// An alert is <i>active</i> at origins in [<paramref name="from"/>, <paramref name="to"/>) where the
        /// <see cref="AlertRule"/> holds (probability, consecutive origins, history gate). An operator is <i>notified</i> at the first active origin and again at most once per
        /// horizon while alerts stay active (refractory period of one horizon); a notification is true when an onset
        /// follows within the horizon. An event counts when its latest admissible alert time (onset − lead) lies in the
        /// range, and is detected when an alert is active between onset − horizon and onset − lead. An event is
        /// <i>flat</i> when the values in that admissible window stay within one level-shift threshold (<see cref="LevelShift"/>)
        /// of each other: nothing in the series announces it in time.
        /// </summary>
        public (int Events, int Detected, int Alerts, int TrueAlerts, int Flat) Count(double[] probabilities, List<int> onsets, AlertRule rule, bool[]? fleet, double threshold, int from, int to)
        {
            var lead = _owner.Options.LeadSteps;
            var active = new HashSet<int>();
            int alerts = 0, trueAlerts = 0;
            var lastNotified = int.MinValue / 2;
            var run = 0;
            var lastAbove = int.MinValue / 2;
            var week = 7 * Series.StepsPerDay;
            for (var k = 0; k < _origins.Count; k++)
            {
                var o = _origins[k];
                run = probabilities[k] >= rule.Probability ? run + 1 : 0;
                if (k == 0)
                {
                    // Points before the first origin: the week of history the gate looks at.
                    for (var j = Math.Max(0, o - week); j < o; j++)
                    {
                        lastAbove = Series.Observed[j] && Series.Values[j] >= threshold ? j : lastAbove;
                    }
                }

                if (Series.Observed[o] && Series.Values[o] >= threshold)
                {
                    lastAbove = o;
                }

                var byModel = run >= rule.Consecutive && !(rule.HistoryGate && o - lastAbove > week);
                var byFleet = fleet is not null && fleet[k] && !double.IsNaN(probabilities[k]);
                if (o < from || o >= to || !(byModel || byFleet))
                {
                    continue;
                }

                active.Add(o);
                if (o - lastNotified < H)
                {
                    continue;
                }

                lastNotified = o;
                alerts++;
                if (onsets.Any(e => e > o && e <= o + H))
                {
                    trueAlerts++;
                }
            }

            var scored = onsets.Where(e => e - lead >= from && e - lead < to).ToList();
            var detected = scored.Count(e => Enumerable.Range(e - H, H - lead + 1).Any(active.Contains));
            var flat = scored.Count(IsFlatStart);
            return (scored.Count, detected, alerts, trueAlerts, flat);
        }

        private bool IsFlatStart(int onset)
        {
            var from = Math.Max(0, onset - H);
            var to = Math.Max(from, onset - _owner.Options.LeadSteps);
            var window = Series.Values.AsSpan(from, to - from + 1);
            var (_, _, min, max) = Stats.Moments(window);
            return max - min <= LevelShift.Threshold(Series.Values, from, Series.StepsPerDay, Series.IsPercent);
        }

        public int TestFrom => _calibEnd - 1;

        public IReadOnlyList<int> Origins => _origins;

        public int CalibrationFrom => _trainEnd - 1;

        public ChartTrace Chart(string model, double threshold)
        {
            var start = _calibEnd;
            var n = Series.Length - start;
            var actual = new double[n];
            var forecast = new double[n];
            var lower = new double[n];
            var upper = new double[n];
            Array.Fill(forecast, double.NaN);
            Array.Fill(lower, double.NaN);
            Array.Fill(upper, double.NaN);
            for (var i = 0; i < n; i++)
            {
                actual[i] = Series.Observed[start + i] ? Series.Values[start + i] : double.NaN;
            }

            var f = _forecasts[model];
            foreach (var (k, o, windows) in Walk(model))
            {
                var t = o + H;
                if (t < start || t >= Series.Length)
                {
                    continue;
                }

                var point = f[k][H - 1];
                var (lo, hi) = Clip(windows[H - 1].Interval(point, 0.9));
                forecast[t - start] = point;
                lower[t - start] = lo;
                upper[t - start] = hi;
            }

            return new ChartTrace(Series.TimeAt(start), Series.Step, actual, forecast, lower, upper, Series.IsPercent ? threshold : null);
        }
    }
}
