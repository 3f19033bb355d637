namespace PredictiveMigration.Domain.Connectors.Api;

/// <summary>A region's connectors by state and what they can still take.</summary>
public sealed record RegionSummary(string Region, int Active, int Warm, int Draining, int FreeTasks, double CapacityMBps, double FreeMBps);
