namespace PredictiveMigration.Durable.Tests.Routes;

/// <summary>An object-shaped activity input.</summary>
public sealed record ServerSpec(string Name, int Cores);
