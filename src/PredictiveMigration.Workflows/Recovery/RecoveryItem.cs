using PredictiveMigration.Domain.Migrations;

namespace PredictiveMigration.Workflows.Recovery;

/// <summary>One migration of a recovery plan: its order of start, its server and how it ended.</summary>
public sealed record RecoveryItem(int Order, string MigrationId, string ServerId, int Priority, MigrationStatus Status, string? Reason);
