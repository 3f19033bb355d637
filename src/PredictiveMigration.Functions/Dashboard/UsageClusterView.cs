using PredictiveMigration.Domain.Forecasting;
using PredictiveMigration.Domain.Metrics;
using PredictiveMigration.Domain.Metrics.Inventory;
using PredictiveMigration.Domain.Metrics.Query;
using PredictiveMigration.Forecasting.Clustering;
using PredictiveMigration.Forecasting.Series;
using PredictiveMigration.Forecasting.Service;

namespace PredictiveMigration.Functions.Dashboard;

/// <summary>One usage shape of the current model: its hourly profile (z-scores) and the servers that follow it.</summary>
public sealed record UsageCluster(int Index, float[] Centroid, int PeakHour, IReadOnlyList<string> Servers);

/// <summary>The fleet split by the CPU usage shapes the current model learned, as of <paramref name="At"/>.</summary>
public sealed record UsageClusterSnapshot(string ModelVersion, DateTimeOffset At, IReadOnlyList<UsageCluster> Clusters, int Unassigned);

/// <summary>
/// Puts every server reporting in the last day into the CPU usage cluster of the current model whose daily shape is
/// nearest (Euclidean) to the server's own: the hourly means of its last 7 days, normalised as the retrainer
/// normalised its training series (<see cref="UsageClusterer.DailyProfile"/>). Read from the hourly rollups, one query
/// per server, and kept for <see cref="CacheFor"/> of the app's clock (the shapes change with the model, daily).
/// </summary>
public sealed class UsageClusterView(IModelRegistry models, IServerInventory inventory, MetricsQueryService queries, TimeProvider time)
{
    /// <summary>How long one computation is served.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(15);

    /// <summary>Most servers placed per computation.</summary>
    public const int MaxServers = 1000;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Version, ForecastModel Model)? _model;
    private UsageClusterSnapshot? _cached;

    /// <summary>The snapshot; null when no model is promoted or the model has no CPU clusters.</summary>
    public async Task<UsageClusterSnapshot?> GetAsync(CancellationToken cancellationToken)
    {
        var pointer = await models.GetCurrentAsync(ForecastModel.ArtifactName, cancellationToken).ConfigureAwait(false);
        if (pointer is null)
        {
            return null;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = time.GetUtcNow();
            if (_cached is { } c && c.ModelVersion == pointer.Version && now - c.At < CacheFor && now >= c.At)
            {
                return c;
            }

            if (_model?.Version != pointer.Version)
            {
                var artifact = await models.LoadAsync(ForecastModel.ArtifactName, pointer.Version, cancellationToken).ConfigureAwait(false);
                if (artifact is null)
                {
                    return null;
                }

                _model = (pointer.Version, ForecastModel.Load(artifact.Payload));
            }

            var centroids = _model.Value.Model.For(ResourceKind.Cpu)?.Centroids;
            if (centroids is null || centroids.Count == 0)
            {
                return null;
            }

            _cached = await ComputeAsync(pointer.Version, centroids, now, cancellationToken).ConfigureAwait(false);
            return _cached;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<UsageClusterSnapshot> ComputeAsync(string version, IReadOnlyList<float[]> centroids, DateTimeOffset now, CancellationToken ct)
    {
        var servers = (await inventory.ListAsync(ct).ConfigureAwait(false))
            .Where(s => s.LastSeen >= now - TimeSpan.FromDays(1))
            .OrderBy(s => s.ServerId, StringComparer.Ordinal).Take(MaxServers).ToList();
        var to = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
        var from = to - TimeSpan.FromDays(7);
        var assigned = new int[servers.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, servers.Count), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (i, token) =>
        {
            var series = await queries.GetSeriesAsync(new SeriesQuery(servers[i].ServerId, [MetricKind.CpuPercent], from, to, TimeSpan.FromHours(1)), token).ConfigureAwait(false);
            assigned[i] = series.Count == 0 ? -1 : Nearest(Profile(from, series[0]), centroids);
        }).ConfigureAwait(false);

        var clusters = centroids.Select((centroid, k) => new UsageCluster(k, centroid, PeakHour(centroid),
            [.. servers.Where((_, i) => assigned[i] == k).Select(s => s.ServerId)])).ToList();
        return new UsageClusterSnapshot(version, now, clusters, assigned.Count(a => a < 0));
    }

    /// <summary>The normalised daily profile of hourly CPU means (gaps left out), as <see cref="UsageClusterer.DailyProfile"/> computes it.</summary>
    public static float[] Profile(DateTimeOffset from, MetricSeries hourly)
    {
        ArgumentNullException.ThrowIfNull(hourly);
        var values = hourly.Points.Select(p => p.IsGap ? 0 : p.Stats.Mean).ToArray();
        var observed = hourly.Points.Select(p => !p.IsGap).ToArray();
        var start = hourly.Points.Count > 0 ? hourly.Points[0].Start : from;
        var series = new PreparedSeries(hourly.ServerId, "cpu", start, TimeSpan.FromHours(1), values, observed, null, SeriesArtefacts.None, isPercent: true);
        return UsageClusterer.DailyProfile(series);
    }

    /// <summary>The index of the centroid nearest to <paramref name="profile"/>; -1 only when there is no centroid.</summary>
    public static int Nearest(float[] profile, IReadOnlyList<float[]> centroids)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(centroids);
        var best = -1;
        var bestDistance = double.PositiveInfinity;
        for (var k = 0; k < centroids.Count; k++)
        {
            var c = centroids[k];
            double d = 0;
            for (var h = 0; h < Math.Min(c.Length, profile.Length); h++)
            {
                d += (profile[h] - c[h]) * (double)(profile[h] - c[h]);
            }

            if (d < bestDistance)
            {
                bestDistance = d;
                best = k;
            }
        }

        return best;
    }

    private static int PeakHour(float[] centroid) => centroid.Length == 0 ? 0 : Array.IndexOf(centroid, centroid.Max());
}
