using Microsoft.Extensions.Options;
using PredictiveMigration.Agent.Configuration;

namespace PredictiveMigration.Agent.Probes;

/// <summary>GETs the configured URL once per sample and measures the latency to the response headers.</summary>
public sealed class HttpLatencyProbe
{
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly ILogger<HttpLatencyProbe> _logger;
    private readonly Uri? _url;
    private readonly TimeSpan _timeout;
    private bool _failing;

    public HttpLatencyProbe(HttpClient http, IOptions<AgentOptions> options, TimeProvider time, ILogger<HttpLatencyProbe> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _time = time;
        _logger = logger;
        var probes = options.Value.Probes;
        _url = string.IsNullOrWhiteSpace(probes.HttpUrl) ? null : new Uri(probes.HttpUrl, UriKind.Absolute);
        _timeout = probes.HttpTimeout;
    }

    /// <summary>True when a URL is configured.</summary>
    public bool IsEnabled => _url is not null;

    public async Task<HttpProbeResult> MeasureAsync(CancellationToken cancellationToken)
    {
        if (_url is null)
        {
            return new HttpProbeResult(null, Failed: false);
        }

        using var timeout = new CancellationTokenSource(_timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var started = _time.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, _url);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var latency = _time.GetElapsedTime(started).TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
            {
                if (StartsFailing())
                {
                    _logger.HttpProbeStatus(_url, (int)response.StatusCode);
                }

                return new HttpProbeResult(latency, Failed: true);
            }

            if (_failing)
            {
                _failing = false;
                _logger.HttpProbeRecovered(_url);
            }

            return new HttpProbeResult(latency, Failed: false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            if (StartsFailing())
            {
                _logger.HttpProbeTimedOut(_url, _timeout);
            }

            return new HttpProbeResult(null, Failed: true);
        }
        catch (HttpRequestException ex)
        {
            if (StartsFailing())
            {
                _logger.HttpProbeFailed(_url, ex);
            }

            return new HttpProbeResult(null, Failed: true);
        }
    }

    /// <summary>True on the first failure after a success: failures are logged when they start (errorCount counts every one).</summary>
    private bool StartsFailing()
    {
        var first = !_failing;
        _failing = true;
        return first;
    }
}
