namespace PredictiveMigration.Domain.Forecasting;

/// <summary>
/// The forecasting results: the latest forecast and risk per server, and the history of assessments. Written by
/// <c>RunForecasts</c>, read by the API and the dashboard. Saving the same assessment again (same server, same time)
/// overwrites it: a re-run of one tick is harmless.
/// </summary>
public interface IRiskStore
{
    /// <summary>Stores each forecast as its server's latest and appends it to the history.</summary>
    Task SaveAsync(IReadOnlyList<ServerForecast> forecasts, CancellationToken cancellationToken);

    /// <summary>The latest forecast of a server; null when it was never forecast.</summary>
    Task<ServerForecast?> GetLatestAsync(string serverId, CancellationToken cancellationToken);

    /// <summary>The latest risk of every server, highest score first (ties by server id).</summary>
    Task<IReadOnlyList<RiskSummary>> ListLatestAsync(CancellationToken cancellationToken);

    /// <summary>A server's assessments in [from, to), oldest first.</summary>
    Task<IReadOnlyList<RiskHistoryPoint>> GetHistoryAsync(string serverId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
