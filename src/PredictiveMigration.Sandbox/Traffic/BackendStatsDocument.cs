namespace PredictiveMigration.Sandbox.Traffic;

/// <summary>
/// What a <see cref="SandboxBackend"/> has done (<c>GET /admin/stats</c>): requests answered 2xx, requests failed on
/// purpose, requests in flight now, and those that finished after a drain began. <c>State</c> is Running, Draining
/// or Stopped.
/// </summary>
public sealed record BackendStatsDocument(string Name, string State, long Served, long Failed, long InFlight, long CompletedWhileDraining, double LatencyMs, double FailureRate, BackendFailureKind FailureKind);
