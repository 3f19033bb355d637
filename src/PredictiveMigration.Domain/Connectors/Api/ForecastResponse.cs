namespace PredictiveMigration.Domain.Connectors.Api;

/// <summary>
/// <c>POST /api/forecast</c>'s answer: where the migration's connector runs and what it needs (vCPUs, memory,
/// bandwidth, staging storage), how long the copy takes with bounds, and what stands in the way.
/// </summary>
/// <param name="ConnectorRegion">Null when no connector region is within the latency limit.</param>
/// <param name="ConnectorSize">The active connector VM size.</param>
/// <param name="Connectors">Active connectors this migration's bandwidth occupies (usually 1, sharing with others).</param>
/// <param name="BandwidthMBps">The larger of the median rate and the rate the window requires.</param>
/// <param name="Start">When it starts (its earliest start, or now).</param>
/// <param name="WindowSeconds">The time it may take (deadline and SLA).</param>
/// <param name="MeetsDeadline">Whether the median-rate duration fits the window.</param>
/// <param name="RateBasis">What the rate rests on (cell, samples).</param>
public sealed record ForecastResponse(
    string? MigrationId,
    string SourceRegion,
    string? ConnectorRegion,
    double? LatencyMs,
    string ConnectorSize,
    int Connectors,
    int CpuCores,
    double MemoryGb,
    double BandwidthMBps,
    double StorageGb,
    DurationBounds Duration,
    DateTimeOffset Start,
    double WindowSeconds,
    bool MeetsDeadline,
    string RateBasis,
    IReadOnlyList<Bottleneck> Bottlenecks);
