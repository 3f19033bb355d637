using PredictiveMigration.Domain.Metrics.Rollups;

namespace PredictiveMigration.Domain.Metrics.Query;

/// <summary>Reads a server's rollups and puts them on a regular grid at the requested resolution, marking gaps.</summary>
public sealed class MetricsQueryService(IRollupStore rollups)
{
    /// <summary>One series per requested kind, on the same grid. Throws <see cref="ArgumentException"/> naming the field for an invalid query.</summary>
    public async Task<IReadOnlyList<MetricSeries>> GetSeriesAsync(SeriesQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Validate() is { } problem)
        {
            throw new ArgumentException(problem.Message, problem.Field);
        }

        var step = query.Resolution.Ticks;
        var start = query.From.UtcTicks - (query.From.UtcTicks % step);
        var count = (int)((query.To.UtcTicks - start + step - 1) / step);
        var grids = new MetricStats[query.Kinds.Count][];
        for (var k = 0; k < grids.Length; k++)
        {
            grids[k] = new MetricStats[count];
        }

        var from = new DateTimeOffset(start, TimeSpan.Zero);
        await foreach (var minute in rollups.ReadAsync(query.ServerId, from, query.To, cancellationToken).ConfigureAwait(false))
        {
            var slot = (int)((minute.Minute.UtcTicks - start) / step);
            if (slot < 0 || slot >= count)
            {
                continue;
            }

            for (var k = 0; k < grids.Length; k++)
            {
                grids[k][slot].Merge(minute.Get(query.Kinds[k]));
            }
        }

        var result = new List<MetricSeries>(grids.Length);
        for (var k = 0; k < grids.Length; k++)
        {
            var points = new SeriesPoint[count];
            for (var i = 0; i < count; i++)
            {
                points[i] = new SeriesPoint(new DateTimeOffset(start + (i * step), TimeSpan.Zero), grids[k][i]);
            }

            result.Add(new MetricSeries(query.ServerId, query.Kinds[k], query.Resolution, points));
        }

        return result;
    }
}
