using PredictiveMigration.Domain.Migrations;

namespace PredictiveMigration.Workflows.Migrations.Activities;

/// <summary>What to verify after a bake time: the target endpoints of a profile over the window, against the SLA.</summary>
public sealed record HealthCheck(string MigrationId, string Profile, IReadOnlyList<string> Endpoints, TimeSpan Window, MigrationSla Sla);
