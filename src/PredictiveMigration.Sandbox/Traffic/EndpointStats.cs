namespace PredictiveMigration.Sandbox.Traffic;

/// <summary>
/// Passive health of one endpoint: lifetime counters plus a ring of the most recent attempts (completion time,
/// latency, outcome) from which windowed error rates and latency percentiles are computed.
/// </summary>
internal sealed class EndpointStats(string endpoint, int capacity, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly long[] _at = new long[capacity];
    private readonly double[] _latencyMs = new double[capacity];
    private readonly RequestOutcome[] _outcome = new RequestOutcome[capacity];
    private int _next;
    private int _count;
    private long _totalRequests;
    private long _totalFailures;
    private long _totalRetried;

    public string Endpoint { get; } = endpoint;

    /// <summary>Records one attempt; <paramref name="retried"/> means the proxy sent the request on to another destination.</summary>
    public void Record(double latencyMs, RequestOutcome outcome, bool retried)
    {
        if (outcome == RequestOutcome.ClientAborted)
        {
            return;
        }

        var now = time.GetTimestamp();
        lock (_gate)
        {
            _at[_next] = now;
            _latencyMs[_next] = latencyMs;
            _outcome[_next] = outcome;
            _next = (_next + 1) % _at.Length;
            _count = Math.Min(_count + 1, _at.Length);
            _totalRequests++;
            if (outcome != RequestOutcome.Success)
            {
                _totalFailures++;
            }

            if (retried)
            {
                _totalRetried++;
            }
        }
    }

    /// <summary>Attempts completed within the last <paramref name="window"/>.</summary>
    public EndpointHealthDocument Sample(TimeSpan window)
    {
        var now = time.GetTimestamp();
        var cutoff = now - (long)(window.TotalSeconds * time.TimestampFrequency);
        var latencies = new List<double>();
        long serverErrors = 0, connectionErrors = 0, timeouts = 0;
        bool truncated;
        long totalRequests, totalFailures, totalRetried;
        lock (_gate)
        {
            var index = _next;
            var seen = 0;
            while (seen < _count)
            {
                index = (index - 1 + _at.Length) % _at.Length;
                if (_at[index] < cutoff)
                {
                    break;
                }

                seen++;
                latencies.Add(_latencyMs[index]);
                switch (_outcome[index])
                {
                    case RequestOutcome.ServerError: serverErrors++; break;
                    case RequestOutcome.ConnectionError: connectionErrors++; break;
                    case RequestOutcome.Timeout: timeouts++; break;
                    default: break;
                }
            }

            // Every retained sample is inside the window and the ring is full: older ones in the window were dropped.
            truncated = seen == _at.Length;
            totalRequests = _totalRequests;
            totalFailures = _totalFailures;
            totalRetried = _totalRetried;
        }

        latencies.Sort();
        return new EndpointHealthDocument(
            Endpoint,
            (long)window.TotalMilliseconds,
            latencies.Count,
            serverErrors + connectionErrors + timeouts,
            serverErrors,
            connectionErrors,
            timeouts,
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.95),
            Percentile(latencies, 0.99),
            truncated,
            totalRequests,
            totalFailures,
            totalRetried);
    }

    /// <summary>Nearest-rank percentile of a sorted list; 0 when empty.</summary>
    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
