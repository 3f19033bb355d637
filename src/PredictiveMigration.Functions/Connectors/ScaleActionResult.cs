using PredictiveMigration.Domain.Connectors;

namespace PredictiveMigration.Functions.Connectors;

/// <summary>What happened to one action of a <c>POST /api/scale</c>: done, or the failure code and message.</summary>
public sealed record ScaleActionResult(ConnectorAction Action, bool Ok, string? Code, string? Message, bool Transient);
