namespace PredictiveMigration.Domain.Metrics.Rollups;

/// <summary>The valid events of one batch that fall into one server-minute, in arrival order.</summary>
public sealed record RollupGroup(string ServerId, DateTimeOffset Minute, IReadOnlyList<MetricEvent> Events);
