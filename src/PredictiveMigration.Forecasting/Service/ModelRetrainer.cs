using System.Globalization;
using PredictiveMigration.Domain.Forecasting;
using PredictiveMigration.Domain.Metrics.Inventory;
using PredictiveMigration.Forecasting.Clustering;
using PredictiveMigration.Forecasting.Models;
using PredictiveMigration.Forecasting.Persistence;
using PredictiveMigration.Forecasting.Series;

namespace PredictiveMigration.Forecasting.Service;

/// <summary>
/// <c>RetrainModels</c>: reads the training window of history, trains one global model per resource on all but the
/// held-out tail, backtests the candidate and the current model on the same tail (rolling origins whose targets fall
/// in it), calibrates the candidate's intervals from those out-of-sample residuals, clusters usage shapes, saves the
/// version with its window, scores and decision, and promotes it only when its backtest score is lower than the
/// current model's (the pointer moves under an ETag condition). Re-running for the same tick is harmless.
/// </summary>
public sealed class ModelRetrainer(IServerInventory inventory, HistoryReader reader, IModelRegistry registry, ForecastingOptions forecasting, RetrainOptions options)
{
    /// <summary>Normalised residuals kept per step and resource (bounds the payload; enough for 95 % quantiles).</summary>
    public const int MaxResidualsPerStep = 400;

    /// <summary>Fewer analogue residuals per step than this (from the servers that chose the analogues) are replaced by every server's (see <see cref="Backtest"/>).</summary>
    public const int MinAnalogResiduals = 100;

    public async Task<RetrainResult> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var step = forecasting.Step;
        var end = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % step.Ticks), TimeSpan.Zero);
        var version = end.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);
        var holdoutFrom = end - options.Holdout;
        var servers = (await inventory.ListAsync(cancellationToken).ConfigureAwait(false))
            .Where(s => s.LastSeen >= end - options.TrainingWindow)
            .OrderBy(s => StableHash(s.ServerId)).ThenBy(s => s.ServerId, StringComparer.Ordinal)
            .Take(options.MaxServers)
            .ToList();

        var pointer = await registry.GetCurrentAsync(ForecastModel.ArtifactName, cancellationToken).ConfigureAwait(false);
        if (pointer?.Version == version)
        {
            return new RetrainResult(version, false, $"version {version} is already current (a re-run of the same training tick)", servers.Count, null, null, version, new Dictionary<string, double>());
        }

        ForecastModel? current = null;
        string? currentProblem = null;
        if (pointer is not null)
        {
            try
            {
                var artifact = await registry.LoadAsync(ForecastModel.ArtifactName, pointer.Version, cancellationToken).ConfigureAwait(false);
                current = artifact is null ? null : ForecastModel.Load(artifact.Payload);
                currentProblem = artifact is null ? $"current version {pointer.Version} is missing from the store" : null;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                currentProblem = $"current version {pointer.Version} could not be loaded ({ex.Message})";
            }
        }

        var histories = await reader.ReadManyAsync(servers, end, options.TrainingWindow, cancellationToken).ConfigureAwait(false);
        var holdoutSteps = (int)(options.Holdout.Ticks / step.Ticks);
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        var resources = new List<ResourceModel>();
        var problems = new List<string>();
        double candidateTotal = 0, currentTotal = 0;
        var scored = 0;
        foreach (var resource in ForecastEngine.Resources)
        {
            var owned = histories.Select(h => (Server: h.ServerId, Series: h.Get(resource)!)).Where(x => x.Series is not null && x.Series.Length > holdoutSteps + 1).ToList();
            var series = owned.Select(x => x.Series).ToList();
            var key = resource.ToString().ToLowerInvariant();
            GlobalGbmModel? gbm = null;
            var trainable = series.Where(s => s.Length - holdoutSteps > s.StepsPerDay).ToList();
            try
            {
                gbm = trainable.Count == 0
                    ? throw new ArgumentException("no server has more than a day of history before the held-out tail")
                    : new GlobalModelTrainer(options.Iterations is { } it ? new GlobalModelOptions { Iterations = it } : new GlobalModelOptions())
                        .Train([.. trainable.Select(s => (s, s.Length - holdoutSteps))]);
            }
            catch (ArgumentException ex)
            {
                problems.Add($"{key}: {ex.Message}");
            }

            var backtest = Backtest(resource, owned, holdoutSteps, gbm, current?.For(resource)?.Gbm);
            // A resource whose held-out tail is flat (naive is exact, e.g. a constant disk rate) cannot rank models: left out of the score.
            if (backtest.Targets > 0 && backtest.NaiveMae > 1e-3 * backtest.MeanAbsActual)
            {
                scores[$"mae_{key}"] = backtest.CandidateMae;
                scores[$"naive_mae_{key}"] = backtest.NaiveMae;
                scores[$"rel_mae_{key}"] = backtest.CandidateMae / backtest.NaiveMae;
                scores[$"targets_{key}"] = backtest.Targets;
                scores[$"analog_servers_{key}"] = backtest.AnalogServers.Count;
                scores[$"selected_mae_{key}"] = backtest.SelectedMae;
                candidateTotal += backtest.CandidateMae / backtest.NaiveMae;
                currentTotal += backtest.CurrentMae / backtest.NaiveMae;
                scored++;
            }

            var centroids = Clusters(series.Where(s => s.Length >= s.StepsPerDay).ToList(), problems, key);

            resources.Add(new ResourceModel(resource, gbm, backtest.ModelResiduals, backtest.BaselineResiduals, centroids, backtest.AnalogServers, backtest.AnalogResiduals));
        }

        double? candidateScore = scored > 0 ? candidateTotal / scored : null;
        double? currentScore = scored > 0 && current is not null ? currentTotal / scored : null;
        if (candidateScore is { } cs)
        {
            scores["score"] = cs;
        }

        if (currentScore is { } cur)
        {
            scores["current_score"] = cur;
        }

        var c = CultureInfo.InvariantCulture;
        bool promote;
        string reason;
        if (resources.All(r => r.Gbm is null))
        {
            (promote, reason) = (false, "not promoted: too little history to train any resource (" + string.Join("; ", problems) + ")");
        }
        else if (candidateScore is null)
        {
            (promote, reason) = (false, "not promoted: the held-out tail has no observed target to backtest on");
        }
        else if (pointer is null)
        {
            (promote, reason) = (true, string.Create(c, $"promoted: no current model (backtest relative MAE {candidateScore:F4})"));
        }
        else if (current is null)
        {
            (promote, reason) = (true, string.Create(c, $"promoted: {currentProblem}; backtest relative MAE {candidateScore:F4}"));
        }
        else if (candidateScore < currentScore)
        {
            (promote, reason) = (true, string.Create(c, $"promoted: backtest relative MAE {candidateScore:F4} beats current {pointer.Version} at {currentScore:F4} on the same held-out tail"));
        }
        else
        {
            (promote, reason) = (false, string.Create(c, $"not promoted: backtest relative MAE {candidateScore:F4} does not beat current {pointer.Version} at {currentScore:F4} on the same held-out tail"));
        }

        var model = new ForecastModel(version, end - options.TrainingWindow, holdoutFrom, resources);
        var decision = new ModelDecision(promote, reason, now, holdoutFrom, end, candidateScore, currentScore, pointer?.Version);
        var trainedFrom = histories.SelectMany(h => ForecastEngine.Resources.Select(h.Get)).Where(s => s is not null).Select(s => s!.Start).DefaultIfEmpty(end - options.TrainingWindow).Min();
        await registry.SaveAsync(new ModelArtifact(ForecastModel.ArtifactName, version, trainedFrom, holdoutFrom, scores, model.Save()), decision, cancellationToken).ConfigureAwait(false);
        if (promote && !await registry.TryPromoteAsync(ForecastModel.ArtifactName, version, pointer, cancellationToken).ConfigureAwait(false))
        {
            var now2 = await registry.GetCurrentAsync(ForecastModel.ArtifactName, cancellationToken).ConfigureAwait(false);
            reason = $"not promoted: the current model changed during retraining (now {now2?.Version ?? "none"}); {reason}";
            decision = decision with { Promoted = false, Reason = reason };
            promote = false;
            await registry.RecordDecisionAsync(ForecastModel.ArtifactName, version, decision, cancellationToken).ConfigureAwait(false);
        }

        return new RetrainResult(version, promote, reason, servers.Count, candidateScore, currentScore, pointer?.Version, scores);
    }

    private sealed record BacktestScores(double CandidateMae, double CurrentMae, double NaiveMae, double MeanAbsActual, int Targets, float[][] ModelResiduals, float[][] BaselineResiduals, IReadOnlyList<string> AnalogServers, float[][] AnalogResiduals, double SelectedMae);

    /// <summary>
    /// Rolling-origin backtest on the held-out tail: <see cref="RetrainOptions.BacktestOrigins"/> origins per series from
    /// one horizon before the tail to its end; every observed target inside the tail is scored for the candidate,
    /// the current model (its baseline where it has no global model), the baseline and naive. The analogue model is
    /// scored on the same targets of the first hour per server: a server whose own first-hour MAE is lower with it than
    /// with the candidate gets its first hour from it (selection per series by backtest error, as the backtest's
    /// <c>auto</c> does per step; beyond an hour the analogues keep the phase of a cycle they cannot time).
    /// </summary>
    private BacktestScores Backtest(ResourceKind resource, List<(string Server, PreparedSeries Series)> series, int holdoutSteps, GlobalGbmModel? candidate, GlobalGbmModel? current)
    {
        var steps = forecasting.MaxSteps;
        var modelResiduals = Enumerable.Range(0, steps).Select(_ => new List<float>()).ToArray();
        var baselineResiduals = Enumerable.Range(0, steps).Select(_ => new List<float>()).ToArray();
        var analogResiduals = Enumerable.Range(0, Math.Min(steps, forecasting.StepsPerHour)).Select(_ => new List<float>()).ToArray();
        var allAnalogResiduals = Enumerable.Range(0, analogResiduals.Length).Select(_ => new List<float>()).ToArray();
        var analogServers = new List<string>();
        double candidateAbs = 0, currentAbs = 0, naiveAbs = 0, actualAbs = 0, selectedAbs = 0; // selectedAbs: what the per-server choice saves
        var targets = 0;
        var work = new List<(PreparedSeries Series, IReadOnlyList<int> Origins)>();
        var servers = new Dictionary<PreparedSeries, string>(ReferenceEqualityComparer.Instance);
        foreach (var (server, s) in series)
        {
            servers[s] = server;
            var trainEnd = s.Length - holdoutSteps;
            var lo = Math.Max(s.StepsPerDay, trainEnd - steps);
            var hi = s.Length - 2;
            if (hi < lo)
            {
                continue;
            }

            var k = Math.Min(options.BacktestOrigins, hi - lo + 1);
            var origins = Enumerable.Range(0, k).Select(j => k == 1 ? hi : lo + (int)((long)(hi - lo) * j / (k - 1))).Distinct().ToList();
            work.Add((s, origins));
        }

        foreach (var chunk in work.Chunk(forecasting.ScoringBatch))
        {
            var cand = candidate?.ForecastBatch(chunk, steps);
            var curr = current?.ForecastBatch(chunk, steps);
            var point = new double[1];
            var analogSteps = Math.Min(steps, forecasting.StepsPerHour);
            var analogPoint = new double[analogSteps];
            for (var k = 0; k < chunk.Length; k++)
            {
                var (s, origins) = chunk[k];
                var trainEnd = s.Length - holdoutSteps;
                IForecaster baselineModel = resource == ResourceKind.Cpu ? new NaiveForecaster() : new RecentMedianForecaster();
                var baseline = baselineModel.Fit(s, trainEnd);
                var analog = new AnalogForecaster().Fit(s, trainEnd);
                double ownCandidate = 0, ownAnalog = 0;
                var ownResiduals = new List<(int Step, float Residual)>();
                for (var j = 0; j < origins.Count; j++)
                {
                    var o = origins[j];
                    baseline.Forecast(o, point);
                    analog.Forecast(o, analogPoint);
                    var scale = SeriesMath.Scale(s, o);
                    for (var h = 1; h <= steps; h++)
                    {
                        var t = o + h;
                        if (t < trainEnd || t >= s.Length || !s.Observed[t])
                        {
                            continue;
                        }

                        var actual = s.Values[t];
                        var c = cand is null ? point[0] : cand[k][j][h - 1];
                        var u = curr is null ? point[0] : curr[k][j][h - 1];
                        candidateAbs += Math.Abs(actual - c);
                        currentAbs += Math.Abs(actual - u);
                        naiveAbs += Math.Abs(actual - s.Values[o]);
                        actualAbs += Math.Abs(actual);
                        modelResiduals[h - 1].Add((float)((actual - c) / scale));
                        baselineResiduals[h - 1].Add((float)((actual - point[0]) / scale));
                        targets++;
                        if (h <= analogSteps)
                        {
                            ownCandidate += Math.Abs(actual - c);
                            ownAnalog += Math.Abs(actual - analogPoint[h - 1]);
                            ownResiduals.Add((h - 1, (float)((actual - analogPoint[h - 1]) / scale)));
                        }
                    }
                }

                foreach (var (h, r) in ownResiduals)
                {
                    allAnalogResiduals[h].Add(r);
                }

                if (ownResiduals.Count > 0 && ownAnalog < ownCandidate)
                {
                    analogServers.Add(servers[s]);
                    foreach (var (h, r) in ownResiduals)
                    {
                        analogResiduals[h].Add(r);
                    }
                }

                selectedAbs -= Math.Max(0, ownCandidate - ownAnalog);
            }
        }

        // The chosen servers' residuals calibrate their bands; a step with fewer than MinAnalogResiduals of them (a
        // handful of servers chose the analogues) takes every server's analogue residuals instead: wider, because the
        // analogues did worse on the others, but not the under-covering quantiles of a dozen points.
        for (var h = 0; h < analogResiduals.Length; h++)
        {
            if (analogServers.Count > 0 && analogResiduals[h].Count < MinAnalogResiduals)
            {
                analogResiduals[h] = allAnalogResiduals[h];
            }
        }

        var n = Math.Max(1, targets);
        return new BacktestScores(candidateAbs / n, currentAbs / n, naiveAbs / n, actualAbs / n, targets,
            [.. modelResiduals.Select(Thin)], [.. baselineResiduals.Select(Thin)], analogServers, [.. analogResiduals.Select(Thin)], (candidateAbs + selectedAbs) / n);
    }

    /// <summary>
    /// Usage-shape centroids. k-means needs as many distinct profiles as clusters (ML.NET throws otherwise), so series
    /// with identical normalised profiles (e.g. constant rates, all zeros) count once; a flat-only resource gets none.
    /// </summary>
    private IReadOnlyList<float[]> Clusters(List<PreparedSeries> series, List<string> problems, string key)
    {
        var distinct = series.GroupBy(s => string.Join(',', UsageClusterer.DailyProfile(s).Select(x => MathF.Round(x, 4))), StringComparer.Ordinal)
            .Select(g => g.First()).Where(s => UsageClusterer.DailyProfile(s).Any(x => x != 0)).ToList();
        if (distinct.Count == 0)
        {
            return [];
        }

        try
        {
            return new UsageClusterer(Math.Min(options.Clusters, distinct.Count)).Fit(distinct).Centroids;
        }
        catch (InvalidOperationException ex)
        {
            problems.Add($"{key} clusters: {ex.Message}");
            return [];
        }
    }

    /// <summary>FNV-1a of the id: a sample of servers that does not change from run to run or between processes.</summary>
    private static uint StableHash(string id)
    {
        var hash = 2166136261u;
        foreach (var ch in id)
        {
            hash = (hash ^ ch) * 16777619u;
        }

        return hash;
    }

    /// <summary>Keeps at most <see cref="MaxResidualsPerStep"/> residuals, evenly (deterministic).</summary>
    private static float[] Thin(List<float> residuals)
    {
        if (residuals.Count <= MaxResidualsPerStep)
        {
            return [.. residuals];
        }

        var result = new float[MaxResidualsPerStep];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = residuals[(int)((long)i * residuals.Count / result.Length)];
        }

        return result;
    }
}
