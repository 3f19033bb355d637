namespace PredictiveMigration.Sandbox.Traffic;

/// <summary>One endpoint: its weight as written and its normalised share of new requests (weight / sum of weights).</summary>
public sealed record TrafficEndpointDocument(string Name, string Target, int Weight, double Share);
