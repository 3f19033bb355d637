namespace PredictiveMigration.Sandbox.Traffic;

/// <summary>
/// Wire form of a profile's health (<c>GET /admin/profiles/{profile}/health</c>): each endpoint's window, the
/// requests the proxy retried on another destination and those it could not route at all (503, no destination),
/// both lifetime counts.
/// </summary>
public sealed record ProfileHealthDocument(string Profile, long WindowMs, long Retries, long NoDestination, IReadOnlyList<EndpointHealthDocument> Endpoints);
