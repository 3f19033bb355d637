using PredictiveMigration.Domain.Alerts;
using PredictiveMigration.Domain.Forecasting;
using PredictiveMigration.Forecasting.Service;

namespace PredictiveMigration.Functions.Alerts;

/// <summary>
/// The risk store as <c>RunForecasts</c> sees it in the app: before a run's forecasts are saved, each server at or
/// above the risk threshold is compared with its latest stored risk (<see cref="HighRiskAlertPolicy"/>) and the
/// servers that entered a band are published as <see cref="AlertKind.HighRisk"/> alerts. Publishing comes first, so a
/// crash between the two re-runs the tick and publishes the same alerts (same ids: delivered once); a failed publish
/// is logged and does not stop the forecasts being saved. Reads go straight to the inner store.
/// </summary>
public sealed class HighRiskAlertingRiskStore(
    IRiskStore inner,
    IAlertPublisher publisher,
    ForecastingOptions forecasting,
    AlertPublishingOptions options,
    ILogger<HighRiskAlertingRiskStore> logger) : IRiskStore
{
    /// <summary>Alerts published at once.</summary>
    public const int MaxParallelPublishes = 8;

    public async Task SaveAsync(IReadOnlyList<ServerForecast> forecasts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(forecasts);
        var atRisk = forecasts.Where(f => f.Assessment.Score >= forecasting.RiskThreshold).ToList();
        if (options.PublishHighRisk && atRisk.Count > 0)
        {
            var previous = new Dictionary<string, RiskSummary>(StringComparer.Ordinal);
            foreach (var summary in await inner.ListLatestAsync(cancellationToken).ConfigureAwait(false))
            {
                previous[summary.ServerId] = summary;
            }

            var alerts = atRisk
                .Select(f => HighRiskAlertPolicy.Decide(f, previous.GetValueOrDefault(f.ServerId), forecasting.RiskThreshold, options.HighRiskRearmAfter, options.ServerLink(f.ServerId)))
                .OfType<Alert>()
                .ToList();
            await Parallel.ForEachAsync(
                alerts,
                new ParallelOptions { MaxDegreeOfParallelism = MaxParallelPublishes, CancellationToken = cancellationToken },
                async (alert, ct) =>
                {
                    try
                    {
                        var result = await publisher.PublishAsync(alert, ct).ConfigureAwait(false);
                        Logs.HighRiskAlertPublished(logger, alert.Id, alert.ServerId, alert.DedupKey, result.Outcome);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        Logs.AlertPublishFailed(logger, ex, alert.Id);
                    }
                }).ConfigureAwait(false);
        }

        await inner.SaveAsync(forecasts, cancellationToken).ConfigureAwait(false);
    }

    public Task<ServerForecast?> GetLatestAsync(string serverId, CancellationToken cancellationToken) => inner.GetLatestAsync(serverId, cancellationToken);

    public Task<IReadOnlyList<RiskSummary>> ListLatestAsync(CancellationToken cancellationToken) => inner.ListLatestAsync(cancellationToken);

    public Task<IReadOnlyList<RiskHistoryPoint>> GetHistoryAsync(string serverId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        inner.GetHistoryAsync(serverId, from, to, cancellationToken);
}
