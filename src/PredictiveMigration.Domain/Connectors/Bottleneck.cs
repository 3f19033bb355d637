namespace PredictiveMigration.Domain.Connectors;

/// <summary>A bottleneck found before migrations start: which kind, where, for which migration (if one), from when, and why.</summary>
public sealed record Bottleneck(BottleneckKind Kind, string Region, string? MigrationId, DateTimeOffset At, string Detail);
