namespace PredictiveMigration.Domain.Connectors;

/// <summary>
/// Forecasts the migration load connectors must carry: for each scheduled or predicted migration, the transfer rate
/// learned from past migrations gives its duration (data ÷ rate) with bounds; its connector region comes from
/// <see cref="ConnectorPlacement"/>; its transfer then adds to the region's buckets (see <see cref="LoadBucket"/>).
/// Pure and deterministic: the same inputs give the same forecast.
/// </summary>
public sealed class MigrationLoadForecaster
{
    private readonly TransferRateModel _rates;
    private readonly ConnectorPlacement _placement;
    private readonly LoadForecastOptions _options;

    public MigrationLoadForecaster(TransferRateModel rates, ConnectorPlacement placement, LoadForecastOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rates);
        ArgumentNullException.ThrowIfNull(placement);
        options ??= new LoadForecastOptions();
        options.Validate();
        _rates = rates;
        _placement = placement;
        _options = options;
    }

    public LoadForecastOptions Options => _options;

    /// <summary>The first bucket's start: <paramref name="now"/> floored to the bucket size (since the Unix epoch).</summary>
    public DateTimeOffset BucketStart(DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        var size = _options.BucketSize.Ticks;
        var ticks = utc.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return DateTimeOffset.UnixEpoch.AddTicks(ticks - (((ticks % size) + size) % size));
    }

    /// <summary>One migration's estimate as of <paramref name="now"/> (an earliest start in the past means now).</summary>
    public MigrationEstimate Estimate(MigrationLoadItem item, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(item);
        var start = item.EarliestStart > now ? item.EarliestStart : now;
        var rate = _rates.Estimate(item.DataBytes, start);
        var placed = _placement.RegionFor(item.SourceRegion);
        var end = Min(item.Deadline, start + _options.Sla.MaxTransferTime);
        var window = end > start ? end - start : TimeSpan.Zero;
        var downtime = item.FinalDeltaBytes > 0 ? TimeSpan.FromSeconds(Math.Ceiling(item.FinalDeltaBytes / 1e6 / rate.LowMBps)) : TimeSpan.Zero;
        return new MigrationEstimate(
            item.MigrationId,
            item.SourceRegion,
            placed?.Region,
            placed?.LatencyMs ?? double.NaN,
            item.DataBytes,
            Math.Clamp(item.Probability, 0, 1),
            start,
            window,
            rate.ExpectedDuration(item.DataBytes),
            rate.LowerDuration(item.DataBytes),
            rate.UpperDuration(item.DataBytes),
            downtime,
            rate);
    }

    /// <summary>The load over <see cref="LoadForecastOptions.Horizon"/> from <paramref name="now"/>.</summary>
    public MigrationLoadForecast Forecast(DateTimeOffset now, IEnumerable<MigrationLoadItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var from = BucketStart(now);
        var count = (int)Math.Ceiling(_options.Horizon / _options.BucketSize);
        var size = _options.BucketSize;
        var estimates = items
            .GroupBy(i => i.MigrationId, StringComparer.Ordinal)
            .Select(g => Estimate(g.Last(), now))
            .OrderBy(e => e.Start)
            .ThenBy(e => e.MigrationId, StringComparer.Ordinal)
            .ToList();

        var accumulators = new SortedDictionary<string, Accumulator[]>(StringComparer.Ordinal);
        foreach (var e in estimates)
        {
            if (e.ConnectorRegion is null)
            {
                continue;
            }

            if (!accumulators.TryGetValue(e.ConnectorRegion, out var buckets))
            {
                buckets = new Accumulator[count];
                accumulators[e.ConnectorRegion] = buckets;
            }

            var expectedEnd = e.Start + e.ExpectedDuration;
            var upperEnd = e.Start + e.UpperDuration;
            for (var i = 0; i < count; i++)
            {
                var bucketStart = from + (size * i);
                var bucketEnd = bucketStart + size;
                if (e.Start >= bucketStart && e.Start < bucketEnd)
                {
                    buckets[i].StartingBytes += e.DataBytes;
                }

                if (Overlap(e.Start, upperEnd, bucketStart, bucketEnd) > TimeSpan.Zero || (e.UpperDuration == TimeSpan.Zero && e.Start >= bucketStart && e.Start < bucketEnd))
                {
                    buckets[i].UpperTasks++;
                    buckets[i].UpperMBps += e.Rate.MedianMBps;
                }

                var share = Overlap(e.Start, expectedEnd, bucketStart, bucketEnd) / size;
                buckets[i].ExpectedTasks += e.Probability * share;
                buckets[i].ExpectedMBps += e.Probability * share * e.Rate.MedianMBps;
            }
        }

        var regions = accumulators
            .Select(kv => new RegionLoad(kv.Key, [.. kv.Value.Select((a, i) => new LoadBucket(from + (size * i), from + (size * (i + 1)), a.ExpectedTasks, a.UpperTasks, a.ExpectedMBps, a.UpperMBps, a.StartingBytes))]))
            .ToList();
        return new MigrationLoadForecast(now, from, size, regions, estimates, _options.Sla);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static TimeSpan Overlap(DateTimeOffset aStart, DateTimeOffset aEnd, DateTimeOffset bStart, DateTimeOffset bEnd)
    {
        var start = aStart > bStart ? aStart : bStart;
        var end = aEnd < bEnd ? aEnd : bEnd;
        return end > start ? end - start : TimeSpan.Zero;
    }

    private struct Accumulator
    {
        public double ExpectedTasks;
        public int UpperTasks;
        public double ExpectedMBps;
        public double UpperMBps;
        public long StartingBytes;
    }
}
