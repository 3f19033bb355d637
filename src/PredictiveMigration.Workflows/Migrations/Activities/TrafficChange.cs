using PredictiveMigration.Domain.Cloud;

namespace PredictiveMigration.Workflows.Migrations.Activities;

/// <summary>The whole endpoint list of a traffic profile after a shift (setting it twice leaves the same profile).</summary>
public sealed record TrafficChange(string MigrationId, string ResourceGroup, string Profile, int TargetPercent, IReadOnlyList<WeightedEndpoint> Endpoints);
