namespace PredictiveMigration.Sandbox.Traffic;

/// <summary>
/// Wire form of a profile (<c>GET/PUT /admin/profiles/{profile}/endpoints</c>). <c>ResourceGroup</c> is the group
/// that owns the name (like a Traffic Manager DNS name, a profile name is unique across groups); null when the
/// profile was written without one.
/// </summary>
public sealed record TrafficProfileDocument(string Profile, string? ResourceGroup, IReadOnlyList<TrafficEndpointDocument> Endpoints);
