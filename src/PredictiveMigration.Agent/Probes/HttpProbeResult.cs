namespace PredictiveMigration.Agent.Probes;

/// <summary>
/// One HTTP probe: the time to the response headers (null when no response came back) and whether it counts as an
/// error (no response, a timeout, or a status outside 2xx).
/// </summary>
public readonly record struct HttpProbeResult(double? LatencyMs, bool Failed);
