using PredictiveMigration.Domain.Migrations;

namespace PredictiveMigration.Workflows.Deciding;

/// <summary>Starts a migration orchestration with instance id = migration id (the host implements it with its durable client). Starting an id that exists does nothing.</summary>
public interface IMigrationLauncher
{
    Task LaunchAsync(MigrationDecision decision, CancellationToken cancellationToken);
}
