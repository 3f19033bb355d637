using System.Collections.Concurrent;
using PredictiveMigration.Domain.Forecasting;
using PredictiveMigration.Functions.Alerts;

namespace PredictiveMigration.Functions.Tests.Alerts;

/// <summary>An in-memory <see cref="IRiskStore"/> for unit tests (latest forecast per server).</summary>
internal sealed class InMemoryRiskStore : IRiskStore
{
    private readonly ConcurrentDictionary<string, ServerForecast> _latest = new(StringComparer.Ordinal);

    public int Saves { get; private set; }

    public Task SaveAsync(IReadOnlyList<ServerForecast> forecasts, CancellationToken cancellationToken)
    {
        foreach (var f in forecasts)
        {
            _latest[f.ServerId] = f;
        }

        Saves++;
        return Task.CompletedTask;
    }

    public Task<ServerForecast?> GetLatestAsync(string serverId, CancellationToken cancellationToken) => Task.FromResult(_latest.GetValueOrDefault(serverId));

    public Task<IReadOnlyList<RiskSummary>> ListLatestAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<RiskSummary>>(
        [.. _latest.Values.Select(f => new RiskSummary(f.ServerId, f.Assessment.AssessedAt, f.Assessment.Score, HighRiskAlertPolicy.TopResource(f.Assessment)?.Resource, null, f.Assessment.ModelVersion))]);

    public Task<IReadOnlyList<RiskHistoryPoint>> GetHistoryAsync(string serverId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RiskHistoryPoint>>([]);
}
