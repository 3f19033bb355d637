using Microsoft.Extensions.Options;
using PredictiveMigration.Agent.Configuration;
using PredictiveMigration.Agent.Probes;
using PredictiveMigration.Agent.Sampling;
using PredictiveMigration.Agent.Spooling;
using PredictiveMigration.Domain.Metrics;

namespace PredictiveMigration.Agent.Collecting;

/// <summary>Turns one sample (plus the optional probes) into a numbered <see cref="MetricEvent"/>.</summary>
public sealed class EventCollector
{
    private readonly ISampler _sampler;
    private readonly HttpLatencyProbe _httpProbe;
    private readonly QueueLengthProbe _queueProbe;
    private readonly SequenceStore _sequence;
    private readonly TimeProvider _time;
    private readonly string _serverId;

    public EventCollector(
        ISampler sampler,
        HttpLatencyProbe httpProbe,
        QueueLengthProbe queueProbe,
        SequenceStore sequence,
        IOptions<AgentOptions> options,
        TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _sampler = sampler;
        _httpProbe = httpProbe;
        _queueProbe = queueProbe;
        _sequence = sequence;
        _time = time;
        _serverId = options.Value.ServerId ?? throw new InvalidOperationException("Agent:ServerId is not set.");
    }

    /// <summary>Samples once; null when there is no event this time (the priming sample, or a failed read).</summary>
    public async Task<MetricEvent?> CollectAsync(CancellationToken cancellationToken)
    {
        var sample = await _sampler.SampleAsync(cancellationToken).ConfigureAwait(false);
        if (sample is null)
        {
            return null;
        }

        var timestamp = _time.GetUtcNow();
        var http = _httpProbe.IsEnabled ? _httpProbe.MeasureAsync(cancellationToken) : null;
        var queue = _queueProbe.IsEnabled ? _queueProbe.MeasureAsync(cancellationToken) : null;
        var httpResult = http is null ? (HttpProbeResult?)null : await http.ConfigureAwait(false);
        var queueLength = queue is null ? null : await queue.ConfigureAwait(false);

        return new MetricEvent
        {
            ServerId = _serverId,
            Timestamp = timestamp,
            Sequence = _sequence.Next(),
            AgentVersion = AgentInfo.Version,
            CpuCores = sample.CpuCores > 0 ? sample.CpuCores : null,
            CpuPercent = sample.CpuPercent,
            MemoryUsedBytes = sample.MemoryUsedBytes,
            MemoryTotalBytes = sample.MemoryTotalBytes,
            DiskReadBytesPerSec = sample.DiskReadBytesPerSec,
            DiskWriteBytesPerSec = sample.DiskWriteBytesPerSec,
            DiskReadIops = sample.DiskReadIops,
            DiskWriteIops = sample.DiskWriteIops,
            NetRxBytesPerSec = sample.NetRxBytesPerSec,
            NetTxBytesPerSec = sample.NetTxBytesPerSec,
            ProbeLatencyMs = httpResult?.LatencyMs ?? double.NaN,
            ErrorCount = httpResult is { } r ? (r.Failed ? 1 : 0) : double.NaN,
            QueueLength = queueLength ?? double.NaN,
        };
    }
}
