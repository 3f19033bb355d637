using System.Collections.Concurrent;
using PredictiveMigration.Agent.Sending;
using PredictiveMigration.Domain.Metrics;

namespace PredictiveMigration.Agent.Tests.Infrastructure;

/// <summary>A sink whose answers a function decides; records every batch it was given.</summary>
public sealed class ScriptedSink : IMetricSink
{
    private readonly Func<IReadOnlyList<MetricEvent>, SendResult> _answer;

    public ScriptedSink(Func<IReadOnlyList<MetricEvent>, SendResult> answer)
    {
        _answer = answer;
    }

    public ConcurrentQueue<IReadOnlyList<long>> Batches { get; } = new();

    public string Destination => "scripted";

    public Task<SendResult> SendAsync(IReadOnlyList<MetricEvent> batch, CancellationToken cancellationToken)
    {
        Batches.Enqueue([.. batch.Select(e => e.Sequence)]);
        return Task.FromResult(_answer(batch));
    }
}
