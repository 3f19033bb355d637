using Microsoft.Extensions.Options;
using PredictiveMigration.Agent.Configuration;
using PredictiveMigration.Domain.Metrics;

namespace PredictiveMigration.Agent.Collecting;

/// <summary>The events collected since the last send, in order. Thread-safe.</summary>
public sealed class MetricBuffer
{
    private readonly Lock _lock = new();
    private readonly List<MetricEvent> _events = [];
    private readonly int _threshold;
    private TaskCompletionSource _full = NewSignal();

    public MetricBuffer(IOptions<AgentOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _threshold = Math.Max(1, options.Value.MaxBatchEvents);
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _events.Count;
            }
        }
    }

    /// <summary>Completes when the buffer holds a full batch (<see cref="AgentOptions.MaxBatchEvents"/> events).</summary>
    public Task WhenFull
    {
        get
        {
            lock (_lock)
            {
                return _full.Task;
            }
        }
    }

    public void Add(MetricEvent metricEvent)
    {
        ArgumentNullException.ThrowIfNull(metricEvent);
        lock (_lock)
        {
            _events.Add(metricEvent);
            if (_events.Count >= _threshold)
            {
                _full.TrySetResult();
            }
        }
    }

    /// <summary>Removes and returns up to <paramref name="max"/> of the oldest events.</summary>
    public IReadOnlyList<MetricEvent> Take(int max)
    {
        lock (_lock)
        {
            var count = Math.Min(max, _events.Count);
            var taken = _events.GetRange(0, count);
            _events.RemoveRange(0, count);
            if (_events.Count < _threshold && _full.Task.IsCompleted)
            {
                _full = NewSignal();
            }

            return taken;
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
