using System.Globalization;
using PredictiveMigration.Domain.Forecasting;
using PredictiveMigration.Forecasting.Anomaly;
using PredictiveMigration.Forecasting.Clustering;
using PredictiveMigration.Forecasting.Intervals;
using PredictiveMigration.Forecasting.Models;
using PredictiveMigration.Forecasting.Profiles;
using PredictiveMigration.Forecasting.Risk;
using PredictiveMigration.Forecasting.Series;

namespace PredictiveMigration.Forecasting.Service;

/// <summary>
/// Forecasts servers and scores their risk (docs/forecasting.md, "In production"). Per resource, servers with at
/// least a day of history go through the promoted global model in batches of <see cref="ForecastingOptions.ScoringBatch"/>
/// (one ML.NET pass per batch); for the servers the model lists as better served by the analogue model of their own
/// past (<see cref="ResourceModel.AnalogServers"/>, chosen per server at retraining) it forecasts the first hour; a
/// server with less borrows its usage cluster's daily shape when the model has clusters
/// and it has an hour of data, otherwise it gets the baseline (persistence for CPU, median of the last hour for the
/// others). Bands: the model's normalised held-out residuals per step times the server's own scale; without a model,
/// the baseline's residuals on the server's own history. Pure computation: no storage, no clock.
/// </summary>
public sealed class ForecastEngine
{
    public const string MethodModel = "model";
    public const string MethodClusterShape = "cluster_shape";
    public const string MethodBaseline = "baseline";

    /// <summary>Resources forecast for every server, in this order.</summary>
    public static IReadOnlyList<ResourceKind> Resources { get; } = [ResourceKind.Cpu, ResourceKind.Memory, ResourceKind.DiskIo, ResourceKind.Network];

    private readonly ForecastingOptions _options;
    private readonly RiskScorer _scorer;
    private readonly OnlineAnomalyDetector? _detector;

    public ForecastEngine(ForecastingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _scorer = new RiskScorer(options.Risk);
        var n = options.AnomalyWindowSteps;
        _detector = n < 8 ? null : new OnlineAnomalyDetector(new AnomalyOptions
        {
            ForecastWindow = Math.Min(options.StepsPerHour, n / 4),
            WarmUp = n / 2,
            HistoryWindow = n / 2,
        });
    }

    public ForecastingOptions Options => _options;

    /// <summary>One server: the same computation as the batch, for one history. Null when the server has no observed CPU, memory, disk or network interval.</summary>
    public ServerForecast? Forecast(ServerHistory history, ForecastModel? model, DateTimeOffset assessedAt) => Forecast([history], model, assessedAt)[0];

    /// <summary>Many servers; the result is in the order of <paramref name="histories"/> (null where a server had no data).</summary>
    public IReadOnlyList<ServerForecast?> Forecast(IReadOnlyList<ServerHistory> histories, ForecastModel? model, DateTimeOffset assessedAt)
    {
        ArgumentNullException.ThrowIfNull(histories);
        var perResource = Resources.Select(r => ForecastResource(r, histories, model)).ToArray();
        var result = new ServerForecast?[histories.Count];
        Parallel.For(0, histories.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
            result[i] = Assemble(histories[i], [.. perResource.Select(p => p[i])], model, assessedAt));
        return result;
    }

    private sealed record ResourceResult(ResourceForecast Forecast, double[] Probability, double Threshold, double Trend, string Method, int Observed, int Length, int? Cluster, ResidualWindow[] Windows);

    private ResourceResult?[] ForecastResource(ResourceKind resource, IReadOnlyList<ServerHistory> histories, ForecastModel? model)
    {
        var steps = _options.MaxSteps;
        var rm = model?.For(resource);
        var result = new ResourceResult?[histories.Count];
        var viaModel = new List<int>();
        var viaAnalog = new List<int>();
        var other = new List<int>();
        for (var i = 0; i < histories.Count; i++)
        {
            var s = histories[i].Get(resource);
            if (s is null)
            {
                continue;
            }

            if (rm is not null && s.Length > s.StepsPerDay && rm.UsesAnalog(histories[i].ServerId))
            {
                viaAnalog.Add(i);
            }

            (rm?.Gbm is not null && s.Length > s.StepsPerDay ? viaModel : other).Add(i);
        }

        foreach (var chunk in viaModel.Chunk(_options.ScoringBatch))
        {
            var work = chunk.Select(i => (histories[i].Get(resource)!, (IReadOnlyList<int>)[histories[i].Get(resource)!.Length - 1])).ToList();
            var forecasts = rm!.Gbm!.ForecastBatch(work, steps);
            for (var k = 0; k < chunk.Length; k++)
            {
                var s = work[k].Item1;
                result[chunk[k]] = Build(resource, s, forecasts[k][0], GlobalGbmForecaster.ModelName, MethodModel, rm.ModelWindows, null);
            }
        }

        Parallel.ForEach(other, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var s = histories[i].Get(resource)!;
            var point = new double[steps];
            var observed = SeriesMath.ObservedCount(s);
            if (rm is { Centroids.Count: > 0 } && s.Length < s.StepsPerDay && observed >= _options.StepsPerHour)
            {
                var cluster = new UsageClusters(rm.Centroids, []).Assign(UsageClusterer.DailyProfile(s));
                new ClusterShapeForecaster(rm.Centroids[cluster]).Fit(s, s.Length).Forecast(s.Length - 1, point);
                result[i] = Build(resource, s, point, ClusterShapeForecaster.ModelName, MethodClusterShape, rm.BaselineWindows, cluster);
                return;
            }

            IForecaster baseline = resource == ResourceKind.Cpu ? new NaiveForecaster() : new RecentMedianForecaster();
            baseline.Fit(s, s.Length).Forecast(s.Length - 1, point);
            var windows = rm is not null && rm.BaselineWindows.Any(w => w.Count > 0) ? rm.BaselineWindows : OwnHistoryWindows(s, point.Length);
            result[i] = Build(resource, s, point, baseline.Name, MethodBaseline, windows, null);
        });

        // Servers whose own held-out first hour the analogue model forecast better (chosen at retraining): that hour
        // comes from what followed the same half hour in their own past week, the rest stays as forecast above (the
        // analogues keep the phase of a cycle they cannot time a day ahead; see docs/forecasting.md).
        Parallel.ForEach(viaAnalog, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var s = histories[i].Get(resource)!;
            var under = result[i]!;
            var analogWindows = rm!.AnalogWindows;
            var n = Math.Min(steps, analogWindows.Length > 0 ? analogWindows.Length : _options.StepsPerHour);
            var point = under.Forecast.Points.Select(p => p.Value).ToArray();
            new AnalogForecaster().Fit(s, s.Length).Forecast(s.Length - 1, point.AsSpan(0, n));
            var windows = new ResidualWindow[steps];
            for (var h = 0; h < steps; h++)
            {
                windows[h] = h < n && h < analogWindows.Length && analogWindows[h].Count > 0 ? analogWindows[h]
                    : Window(under.Windows, h) ?? Window(analogWindows, h) ?? new ResidualWindow();
            }

            result[i] = Build(resource, s, point, $"{AnalogForecaster.ModelName}+{under.Forecast.Model}", under.Method, windows, under.Cluster);
        });

        return result;
    }

    private ResourceResult Build(ResourceKind resource, PreparedSeries s, double[] point, string modelName, string method, ResidualWindow[] windows, int? cluster)
    {
        var origin = s.Length - 1;
        var scale = SeriesMath.Scale(s, origin);
        var threshold = resource switch
        {
            ResourceKind.Cpu => _options.CpuThreshold,
            ResourceKind.Memory => _options.MemoryThreshold,
            _ => double.PositiveInfinity,
        };
        var points = new ForecastPoint[point.Length];
        var probability = new double[point.Length];
        for (var h = 0; h < point.Length; h++)
        {
            var w = Window(windows, h);
            var f = point[h];
            var (l80, u80) = Band(w, f, scale, 0.8, s.IsPercent);
            var (l90, u90) = Band(w, f, scale, 0.9, s.IsPercent);
            var (l95, u95) = Band(w, f, scale, 0.95, s.IsPercent);
            points[h] = new ForecastPoint(s.TimeAt(origin + h + 1), f, l80, u80, l90, u90, l95, u95);
            probability[h] = double.IsPositiveInfinity(threshold) ? 0
                : w is null || w.Count == 0 ? (f >= threshold ? 1 : 0)
                : w.ProbabilityAtLeast(0, (threshold - f) / scale);
        }

        var unit = resource switch
        {
            ResourceKind.Cpu or ResourceKind.Memory => "percent",
            ResourceKind.DiskIo => "IOPS",
            _ => "bytes/s",
        };
        var forecast = new ResourceForecast(resource, unit, s.TimeAt(origin), s.Step, modelName, points);
        return new ResourceResult(forecast, probability, threshold, SeriesMath.TrendPerHour(s, origin, _options.StepsPerHour), method, SeriesMath.ObservedCount(s), s.Length, cluster, windows);
    }

    private static ResidualWindow? Window(ResidualWindow[] windows, int step)
    {
        if (windows.Length == 0)
        {
            return null;
        }

        // A horizon longer than the calibrated steps reuses the last calibrated step (documented).
        return windows[Math.Min(step, windows.Length - 1)];
    }

    private static (double, double) Band(ResidualWindow? w, double f, double scale, double level, bool percent)
    {
        var (lo, hi) = w is null ? (0, 0) : w.Interval(0, level);
        var lower = f + (lo * scale);
        var upper = f + (hi * scale);
        return percent ? (Math.Clamp(lower, 0, 100), Math.Clamp(upper, 0, 100)) : (Math.Max(0, lower), Math.Max(0, upper));
    }

    /// <summary>
    /// Without a model: the baseline's normalised residuals on the server's own history, from an origin every half
    /// hour; a step without at least 10 residuals borrows the nearest shorter step's window.
    /// </summary>
    private ResidualWindow[] OwnHistoryWindows(PreparedSeries s, int steps)
    {
        IForecaster baseline = s.Metric == "cpu" ? new NaiveForecaster() : new RecentMedianForecaster();
        var fitted = baseline.Fit(s, s.Length);
        var residuals = new List<double>[steps];
        for (var h = 0; h < steps; h++)
        {
            residuals[h] = [];
        }

        var one = new double[1];
        var stride = Math.Max(1, _options.StepsPerHour / 2);
        for (var o = Math.Min(_options.StepsPerHour, s.Length - 2); o >= 0 && o < s.Length - 1; o += stride)
        {
            fitted.Forecast(o, one);
            var scale = SeriesMath.Scale(s, o);
            for (var h = 1; h <= steps && o + h < s.Length; h++)
            {
                if (s.Observed[o + h])
                {
                    residuals[h - 1].Add((s.Values[o + h] - one[0]) / scale);
                }
            }
        }

        var windows = new ResidualWindow[steps];
        ResidualWindow? last = null;
        for (var h = 0; h < steps; h++)
        {
            if (residuals[h].Count >= 10)
            {
                last = new ResidualWindow(residuals[h]);
            }

            windows[h] = last ?? new ResidualWindow();
        }

        return windows;
    }

    private ServerForecast? Assemble(ServerHistory history, ResourceResult?[] results, ForecastModel? model, DateTimeOffset assessedAt)
    {
        var present = results.Where(r => r is not null).Select(r => r!).ToList();
        if (present.Count == 0)
        {
            return null;
        }

        var outlooks = present.Where(r => !double.IsPositiveInfinity(r.Threshold))
            .Select(r => new ResourceOutlook(r.Forecast, r.Threshold, r.Probability, r.Trend)).ToList();
        var anomaly = Math.Max(AnomalyScore(history.Cpu), AnomalyScore(history.Memory));
        var health = PrecursorAnalyzer.Signals(anomaly, history.ErrorCounts ?? [], history.LatencyMs ?? [], _options.StepsPerHour);
        var assessment = _scorer.Assess(history.ServerId, assessedAt, outlooks, health, model?.Version ?? MethodBaseline);

        var lead = present[0];
        var reasons = assessment.Reasons.ToList();
        var day = lead.Forecast.Step * (int)(TimeSpan.FromDays(1).Ticks / lead.Forecast.Step.Ticks);
        if (lead.Method != MethodModel && lead.Length * lead.Forecast.Step < day)
        {
            var hours = (lead.Length * lead.Forecast.Step).TotalHours;
            var how = lead.Method == MethodClusterShape
                ? string.Create(CultureInfo.InvariantCulture, $"the forecast borrows the daily shape of usage cluster {lead.Cluster}")
                : "baseline forecast (last value for CPU, median of the last hour otherwise)";
            reasons.Add(new RiskReason(RiskReasonCode.InsufficientHistory, null, string.Create(CultureInfo.InvariantCulture, $"only {hours:0.#} h of history: {how}")));
        }

        assessment = assessment with { PredictedLoad = [.. present.Select(r => r.Forecast)], Reasons = reasons };
        var horizons = new List<HorizonRisk>();
        foreach (var horizon in _options.Horizons.Order())
        {
            var steps = (int)(horizon.Ticks / _options.Step.Ticks);
            foreach (var o in outlooks)
            {
                var cut = new ResourceOutlook(o.Forecast with { Points = [.. o.Forecast.Points.Take(steps)] }, o.Threshold, [.. o.ExceedanceProbability.Take(steps)], o.TrendPerHour);
                horizons.Add(new HorizonRisk(horizon, RiskScorer.Resource(cut)));
            }
        }

        ResourceForecast? Of(ResourceKind kind) => present.FirstOrDefault(r => r.Forecast.Resource == kind)?.Forecast;
        var profile = ResourceProfileBuilder.Build(history.ServerId, history.CpuCores ?? 0, history.MemoryBytes ?? 0, Of(ResourceKind.Cpu), Of(ResourceKind.Memory), Of(ResourceKind.DiskIo), Of(ResourceKind.Network));
        return new ServerForecast(assessment, profile, horizons, lead.Method, lead.Observed);
    }

    /// <summary>The online detector's score of the latest point, judged on the last <see cref="ForecastingOptions.AnomalyWindowSteps"/> points (0 when too short or unobserved).</summary>
    private double AnomalyScore(PreparedSeries? s)
    {
        var n = _options.AnomalyWindowSteps;
        if (_detector is null || s is null || s.Length < n || !s.Observed[^1])
        {
            return 0;
        }

        var from = s.Length - n;
        var slice = new PreparedSeries(s.Id, s.Metric, s.TimeAt(from), s.Step, s.Values[from..], s.Observed[from..], s.Capacity?[from..], s.Artefacts, s.IsPercent);
        var score = _detector.Run(slice).Scores[^1];
        return double.IsFinite(score) ? score : 0;
    }
}
