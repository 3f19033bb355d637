using System.Collections.Concurrent;
using System.Diagnostics;

namespace PredictiveMigration.Sandbox.Tests.Traffic;

/// <summary>
/// Closed-loop load on the loopback proxy: <c>concurrency</c> workers send GETs back to back until stopped, bounded in
/// count and time so it always stops by itself.
/// </summary>
internal sealed class LoadGenerator : IAsyncDisposable
{
    private readonly ConcurrentQueue<LoadResult> _results = new();
    private readonly CancellationTokenSource _stop;
    private readonly Task[] _workers;
    private long _completed;

    private LoadGenerator(HttpClient client, string path, int concurrency, int maxRequests, TimeSpan maxDuration)
    {
        _stop = new CancellationTokenSource(maxDuration);
        long issued = 0;
        _workers = [.. Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested && Interlocked.Increment(ref issued) <= maxRequests)
            {
                var started = Stopwatch.GetTimestamp();
                LoadResult result;
                try
                {
                    using var response = await client.GetAsync(path, CancellationToken.None);
                    await response.Content.ReadAsStringAsync(CancellationToken.None);
                    result = new LoadResult(started, Stopwatch.GetTimestamp(), (int)response.StatusCode, response.Headers.TryGetValues("X-Backend", out var b) ? b.Single() : null, null);
                }
                catch (HttpRequestException ex)
                {
                    result = new LoadResult(started, Stopwatch.GetTimestamp(), 0, null, ex.Message);
                }

                _results.Enqueue(result);
                Interlocked.Increment(ref _completed);
            }
        }))];
    }

    public long Completed => Interlocked.Read(ref _completed);

    public static LoadGenerator Start(HttpClient client, string path, int concurrency = 8, int maxRequests = 60_000, TimeSpan? maxDuration = null) =>
        new(client, path, concurrency, maxRequests, maxDuration ?? TimeSpan.FromSeconds(60));

    /// <summary>Waits until <paramref name="more"/> further requests have completed.</summary>
    public async Task WaitForMoreAsync(long more, CancellationToken cancellationToken)
    {
        var goal = Completed + more;
        while (Completed < goal)
        {
            Assert.False(_workers.All(w => w.IsCompleted), "the load generator stopped (count or time bound) before enough requests completed");
            await Task.Delay(10, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<LoadResult>> StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
        return [.. _results.OrderBy(r => r.Started)];
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }
}
