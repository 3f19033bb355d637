using PredictiveMigration.Domain.Metrics;

namespace PredictiveMigration.Sandbox.Fleet;

/// <summary>How a simulated agent sends one batch of its events.</summary>
public interface IMetricEventSender
{
    Task<MetricSendResult> SendAsync(IReadOnlyList<MetricEvent> batch, CancellationToken cancellationToken);
}

/// <summary>The outcome of a send: sent, or the status (null: no answer) and why not.</summary>
public sealed record MetricSendResult(bool Sent, int? Status, string? Error)
{
    public static MetricSendResult Ok(int status) => new(true, status, null);
}
