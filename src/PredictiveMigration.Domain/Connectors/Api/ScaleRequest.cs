namespace PredictiveMigration.Domain.Connectors.Api;

/// <summary>
/// <c>POST /api/scale</c>: a manual change. <paramref name="Operation"/> is one of <c>provision</c> (needs region and
/// count), <c>scaleUp</c>, <c>drain</c>, <c>decommission</c> (need connectorId), <c>scaleDown</c> (connectorId, or
/// region and count: the idle active connectors with the highest numbers).
/// </summary>
/// <param name="Reason">Optional operator words, kept in the actions' reasons.</param>
public sealed record ScaleRequest(string? Operation, string? Region = null, int? Count = null, string? ConnectorId = null, string? Reason = null);
