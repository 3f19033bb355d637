namespace PredictiveMigration.Workflows.Tests.Integration;

/// <summary>
/// Continuous client load on one traffic profile through the proxy: a GET every 10 ms, bounded to 60 000 requests
/// (10 minutes), until disposed. Counts the answers that were not 2xx.
/// </summary>
internal sealed class LoadLoop : IAsyncDisposable
{
    private const int MaxRequests = 60_000;
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _sent;
    private long _failed;

    private LoadLoop(HttpClient http)
    {
        _http = http;
        _loop = Task.Run(RunAsync);
    }

    public long Sent => Interlocked.Read(ref _sent);

    public long Failed => Interlocked.Read(ref _failed);

    public static LoadLoop Start(HttpClient http) => new(http);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _http.Dispose();
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        for (var i = 0; i < MaxRequests && !_stop.IsCancellationRequested; i++)
        {
            try
            {
                using var response = await _http.GetAsync(string.Empty, _stop.Token);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref _failed);
                }
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref _failed);
            }

            Interlocked.Increment(ref _sent);
            await Task.Delay(10, _stop.Token);
        }
    }
}
