using PredictiveMigration.Domain.Metrics.Inventory;
using PredictiveMigration.Domain.Metrics.Query;

namespace PredictiveMigration.Forecasting.Service;

/// <summary>
/// Reads servers' histories through the domain's <see cref="MetricsQueryService"/>: one query per server (all kinds
/// at once, one partition range per day), many servers concurrently but never more than
/// <see cref="ForecastingOptions.ReadParallelism"/> at a time.
/// </summary>
public sealed class HistoryReader(MetricsQueryService queries, ForecastingOptions options)
{
    /// <summary>One server's history over [end − window, end) on the forecasting grid.</summary>
    public async Task<ServerHistory> ReadAsync(ServerObservation server, DateTimeOffset end, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        var query = new SeriesQuery(server.ServerId, ServerHistory.Kinds, end - window, end, options.Step);
        var series = await queries.GetSeriesAsync(query, cancellationToken).ConfigureAwait(false);
        return ServerHistory.FromSeries(server.ServerId, server.CpuCores, server.MemoryTotalBytes, series);
    }

    /// <summary>Histories of many servers, in the order given, read with bounded parallelism.</summary>
    public async Task<IReadOnlyList<ServerHistory>> ReadManyAsync(IReadOnlyList<ServerObservation> servers, DateTimeOffset end, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(servers);
        var result = new ServerHistory[servers.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, servers.Count),
            new ParallelOptions { MaxDegreeOfParallelism = options.ReadParallelism, CancellationToken = cancellationToken },
            async (i, ct) => result[i] = await ReadAsync(servers[i], end, window, ct).ConfigureAwait(false)).ConfigureAwait(false);
        return result;
    }
}
