using PredictiveMigration.Domain.Connectors;

namespace PredictiveMigration.Functions.Connectors;

/// <summary>
/// A <c>POST /api/scale</c> request kept under its <c>Idempotency-Key</c>: a hash of the body it came with, the actions
/// planned for it (recorded before any runs), and whether they all ran.
/// </summary>
public sealed record ScaleRequestEntry(string Key, string RequestHash, IReadOnlyList<ConnectorAction> Actions, bool Completed);
