using PredictiveMigration.Domain.Metrics;

namespace PredictiveMigration.Agent.Sending;

/// <summary>What became of a batch: events the receiver has, events it refused for good, and events still to send (after a transient failure).</summary>
public sealed record Delivery(int Sent, int Refused, IReadOnlyList<MetricEvent> Unsent)
{
    public bool Complete => Unsent.Count == 0;
}
