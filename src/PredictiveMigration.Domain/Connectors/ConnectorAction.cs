namespace PredictiveMigration.Domain.Connectors;

/// <summary>
/// One step of a plan, idempotent by (<see cref="Kind"/>, <see cref="ConnectorId"/>): the connector id is its VM name,
/// so running an action twice leaves the same VM.
/// </summary>
/// <param name="Kind">What to do.</param>
/// <param name="ConnectorId">To which connector (a new deterministic id for <see cref="ConnectorActionKind.Provision"/>).</param>
/// <param name="Region">Its region.</param>
/// <param name="Size">The VM size it ends at.</param>
/// <param name="Reason">Why, in operator words (the need, the bucket, the lead time).</param>
public sealed record ConnectorAction(ConnectorActionKind Kind, string ConnectorId, string Region, string Size, string Reason);
