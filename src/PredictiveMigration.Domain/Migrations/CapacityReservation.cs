namespace PredictiveMigration.Domain.Migrations;

/// <summary>vCPUs of a region's quota held for a migration's target, so concurrent migrations cannot oversubscribe the quota.</summary>
/// <param name="Key">The idempotency key (<c>{migrationId}:t{index}</c>).</param>
/// <param name="MigrationId">The migration holding it.</param>
/// <param name="Region">The region.</param>
/// <param name="Cores">How many vCPUs.</param>
public sealed record CapacityReservation(string Key, string MigrationId, string Region, int Cores);
