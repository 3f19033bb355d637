using System.Collections.Concurrent;
using Azure;
using PredictiveMigration.Domain.Metrics.Rollups;

namespace PredictiveMigration.Azure.Metrics;

/// <summary>
/// The last state and ETag this process wrote or read for recent server-minute rows. With it a steady stream of
/// events is written with conditional updates and no reads; a stale entry costs one 412 and a re-read, never a
/// wrong count (the ETag guards it). Cached states are never mutated: writers work on clones.
/// </summary>
internal sealed class RollupRowCache(int capacity)
{
    /// <summary>Rows older than this behind the newest cached minute are evicted first.</summary>
    private static readonly long WindowTicks = TimeSpan.FromMinutes(15).Ticks;

    private readonly ConcurrentDictionary<string, Entry> _rows = new(StringComparer.Ordinal);
    private long _newestMinuteTicks;

    public int Count => _rows.Count;

    public bool TryGet(string key, out Entry entry) => _rows.TryGetValue(key, out entry!);

    public void Set(string key, MinuteRollup state, ETag etag)
    {
        if (capacity == 0)
        {
            return;
        }

        _rows[key] = new Entry(state, etag);
        var ticks = state.Minute.UtcTicks;
        long newest;
        while (ticks > (newest = Interlocked.Read(ref _newestMinuteTicks)) && Interlocked.CompareExchange(ref _newestMinuteTicks, ticks, newest) != newest)
        {
        }

        if (_rows.Count > capacity)
        {
            Evict();
        }
    }

    public void Remove(string key) => _rows.TryRemove(key, out _);

    private void Evict()
    {
        var cutoff = Interlocked.Read(ref _newestMinuteTicks) - WindowTicks;
        foreach (var (key, entry) in _rows)
        {
            if (entry.State.Minute.UtcTicks < cutoff)
            {
                _rows.TryRemove(key, out _);
            }
        }

        // Still too many recent rows (a very large fleet): drop the oldest half.
        if (_rows.Count > capacity)
        {
            foreach (var (key, _) in _rows.OrderBy(r => r.Value.State.Minute).Take(_rows.Count - (capacity / 2)).ToList())
            {
                _rows.TryRemove(key, out _);
            }
        }
    }

    internal sealed record Entry(MinuteRollup State, ETag ETag);
}
