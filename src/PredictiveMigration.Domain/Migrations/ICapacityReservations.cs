namespace PredictiveMigration.Domain.Migrations;

/// <summary>The ledger of quota held by running migrations. Idempotent by <see cref="CapacityReservation.Key"/>.</summary>
public interface ICapacityReservations
{
    /// <summary>Records the reservation (recording the same key again changes nothing).</summary>
    Task ReserveAsync(CapacityReservation reservation, CancellationToken cancellationToken);

    /// <summary>Removes a reservation; absent is fine.</summary>
    Task ReleaseAsync(string key, CancellationToken cancellationToken);

    /// <summary>The reservations in a region.</summary>
    Task<IReadOnlyList<CapacityReservation>> ListAsync(string region, CancellationToken cancellationToken);
}
