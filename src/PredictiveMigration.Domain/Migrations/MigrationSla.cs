namespace PredictiveMigration.Domain.Migrations;

/// <summary>
/// What the target must show after every traffic step and after cut-over, over the bake time: at least
/// <paramref name="MinSuccessRate"/> of probes succeed, p95 latency within <paramref name="MaxP95LatencyMs"/>, and at
/// least <paramref name="MinRequests"/> requests seen (otherwise there is no evidence either way).
/// </summary>
public sealed record MigrationSla(double MinSuccessRate = 0.99, double MaxP95LatencyMs = 500, long MinRequests = 1)
{
    /// <summary>Whether a sample meets the SLA, and if not, why (operator words).</summary>
    public (bool Healthy, string Detail) Judge(EndpointHealthSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var success = 1 - sample.ErrorRate;
        if (sample.Requests < MinRequests)
        {
            return (false, FormattableString.Invariant($"{sample.Endpoint}: {sample.Requests} requests in the window, fewer than {MinRequests}"));
        }

        if (success < MinSuccessRate)
        {
            return (false, FormattableString.Invariant($"{sample.Endpoint}: success rate {success:P2} below {MinSuccessRate:P2} ({sample.Failures}/{sample.Requests} failed)"));
        }

        if (sample.P95LatencyMs > MaxP95LatencyMs)
        {
            return (false, FormattableString.Invariant($"{sample.Endpoint}: p95 latency {sample.P95LatencyMs:0.#} ms above {MaxP95LatencyMs:0.#} ms"));
        }

        return (true, FormattableString.Invariant($"{sample.Endpoint}: {sample.Requests} requests, success {success:P2}, p95 {sample.P95LatencyMs:0.#} ms"));
    }
}
