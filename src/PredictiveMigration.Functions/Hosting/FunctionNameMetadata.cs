namespace PredictiveMigration.Functions.Hosting;

/// <summary>Endpoint metadata naming the declared function a route serves (used to prove routes and declarations match).</summary>
public sealed record FunctionNameMetadata(string Name);
