using PredictiveMigration.Domain.Metrics;

namespace PredictiveMigration.Agent.Sending;

/// <summary>Delivers batches of events to the platform.</summary>
public interface IMetricSink
{
    /// <summary>Where the events go, for the log (never includes a secret).</summary>
    string Destination { get; }

    /// <summary>Sends the batch. Expected failures (HTTP status, network, timeout) come back as a <see cref="SendResult"/>.</summary>
    Task<SendResult> SendAsync(IReadOnlyList<MetricEvent> batch, CancellationToken cancellationToken);
}
