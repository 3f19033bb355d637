namespace PredictiveMigration.Sandbox.Tests.Traffic;

/// <summary>What a shift step must keep on the target: error rate, p95 latency, and a minimum of requests to judge by.</summary>
internal sealed record ShiftSlo(double MaxErrorRate, double MaxP95LatencyMs, long MinRequests);
