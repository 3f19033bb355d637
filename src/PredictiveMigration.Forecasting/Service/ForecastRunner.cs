using System.Diagnostics;
using PredictiveMigration.Domain.Forecasting;
using PredictiveMigration.Domain.Metrics.Inventory;
using PredictiveMigration.Domain.Migrations;

namespace PredictiveMigration.Forecasting.Service;

/// <summary>
/// <c>RunForecasts</c>: every active server (inventory last seen within <see cref="ForecastingOptions.ActiveWindow"/>)
/// is read, forecast with the current model and scored; forecasts and risk are stored under the tick; servers at or
/// above <see cref="ForecastingOptions.RiskThreshold"/> get their migration candidate upserted, open candidates of
/// servers that fell below are removed. Every write is keyed by server and tick, so re-running a tick is harmless.
/// The current model is loaded once per version and kept between ticks.
/// </summary>
public sealed class ForecastRunner(
    IServerInventory inventory,
    HistoryReader reader,
    ForecastEngine engine,
    IModelRegistry models,
    IRiskStore risks,
    IMigrationCandidateStore candidates)
{
    private readonly SemaphoreSlim _modelLock = new(1, 1);
    private ForecastModel? _model;

    public ForecastingOptions Options => engine.Options;

    /// <summary>The tick of a time: floored to the forecasting step.</summary>
    public DateTimeOffset TickOf(DateTimeOffset now) => new(now.UtcTicks - (now.UtcTicks % Options.Step.Ticks), TimeSpan.Zero);

    public async Task<ForecastRunResult> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var tick = TickOf(now);
        var (model, problem) = await CurrentModelAsync(cancellationToken).ConfigureAwait(false);
        var active = (await inventory.ListAsync(cancellationToken).ConfigureAwait(false)).Where(s => s.LastSeen >= tick - Options.ActiveWindow).ToList();

        var sw = Stopwatch.StartNew();
        var histories = await reader.ReadManyAsync(active, tick, Options.HistoryWindow, cancellationToken).ConfigureAwait(false);
        var read = sw.Elapsed;
        sw.Restart();
        var forecasts = engine.Forecast(histories, model, tick).Where(f => f is not null).Select(f => f!).ToList();
        var compute = sw.Elapsed;
        sw.Restart();

        await risks.SaveAsync(forecasts, cancellationToken).ConfigureAwait(false);
        var atRisk = forecasts.Where(f => f.Assessment.Score >= Options.RiskThreshold).ToList();
        await Parallel.ForEachAsync(
            atRisk,
            new ParallelOptions { MaxDegreeOfParallelism = Options.ReadParallelism, CancellationToken = cancellationToken },
            async (f, ct) => await candidates.UpsertAsync(ToCandidate(f), ct).ConfigureAwait(false)).ConfigureAwait(false);

        var below = forecasts.Where(f => f.Assessment.Score < Options.RiskThreshold).Select(f => f.ServerId).ToHashSet(StringComparer.Ordinal);
        var open = await candidates.ListOpenAsync(cancellationToken).ConfigureAwait(false);
        var remove = open.Where(c => c.Source == CandidateSource.Forecast && below.Contains(c.ServerId)).ToList();
        await Parallel.ForEachAsync(
            remove,
            new ParallelOptions { MaxDegreeOfParallelism = Options.ReadParallelism, CancellationToken = cancellationToken },
            async (c, ct) => await candidates.RemoveAsync(c.ServerId, ct).ConfigureAwait(false)).ConfigureAwait(false);

        return new ForecastRunResult(tick, active.Count, forecasts.Count, atRisk.Count, remove.Count, model?.Version ?? ForecastEngine.MethodBaseline, problem, read, compute, sw.Elapsed);
    }

    /// <summary>The candidate for a forecast: the riskiest resource (highest score, then earliest exhaustion) sets the resource and deadlines.</summary>
    public static MigrationCandidate ToCandidate(ServerForecast forecast)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        var a = forecast.Assessment;
        var top = a.Resources.OrderByDescending(r => r.Score).ThenBy(r => r.EarliestTimeToExhaustion ?? TimeSpan.MaxValue).FirstOrDefault();
        return new MigrationCandidate(
            a.ServerId,
            a.AssessedAt,
            CandidateSource.Forecast,
            a.Score,
            top?.Score > 0 ? top.Resource : null,
            top?.ExpectedTimeToExhaustion,
            top?.EarliestTimeToExhaustion,
            [.. a.Reasons.Select(r => r.Text)],
            forecast.Profile,
            a.ModelVersion);
    }

    /// <summary>The promoted model, loaded once per version; the baseline (null) with the reason when none can be used.</summary>
    private async Task<(ForecastModel? Model, string? Problem)> CurrentModelAsync(CancellationToken cancellationToken)
    {
        var pointer = await models.GetCurrentAsync(ForecastModel.ArtifactName, cancellationToken).ConfigureAwait(false);
        if (pointer is null)
        {
            return (null, "no model has been promoted yet");
        }

        await _modelLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_model?.Version == pointer.Version)
            {
                return (_model, null);
            }

            var artifact = await models.LoadAsync(ForecastModel.ArtifactName, pointer.Version, cancellationToken).ConfigureAwait(false);
            if (artifact is null)
            {
                return (_model, $"current version {pointer.Version} is missing from the store");
            }

            try
            {
                _model = ForecastModel.Load(artifact.Payload);
                return (_model, null);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Keep forecasting with what we had (or the baseline): a bad artifact must not stop risk scoring.
                return (_model, $"current version {pointer.Version} could not be loaded ({ex.Message})");
            }
        }
        finally
        {
            _modelLock.Release();
        }
    }
}
