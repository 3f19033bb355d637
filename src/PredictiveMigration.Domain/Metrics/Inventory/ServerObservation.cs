namespace PredictiveMigration.Domain.Metrics.Inventory;

/// <summary>What a batch says about a server: when it was last heard from, its agent and its capacity.</summary>
public sealed record ServerObservation(string ServerId, DateTimeOffset LastSeen, string? AgentVersion, int? CpuCores, double? MemoryTotalBytes);
