namespace PredictiveMigration.Sandbox.Traffic;

/// <summary>
/// Wire form of one endpoint's passive health (<c>GET /admin/profiles/{profile}/endpoints/{endpoint}/health</c>).
/// The window counts attempts that completed within it; <c>Failures</c> = server errors + connection errors + timeouts,
/// including attempts the proxy then retried elsewhere (so the user saw a success but verification still sees the
/// failure). <c>Truncated</c> means the window reaches past the retained samples. <c>Total*</c> are lifetime counters.
/// </summary>
public sealed record EndpointHealthDocument(
    string Endpoint,
    long WindowMs,
    long Requests,
    long Failures,
    long ServerErrors,
    long ConnectionErrors,
    long Timeouts,
    double P50LatencyMs,
    double P95LatencyMs,
    double P99LatencyMs,
    bool Truncated,
    long TotalRequests,
    long TotalFailures,
    long TotalRetried);
