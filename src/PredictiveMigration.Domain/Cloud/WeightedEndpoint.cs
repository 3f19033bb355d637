namespace PredictiveMigration.Domain.Cloud;

/// <summary>One endpoint of a weighted traffic profile: a name, where it points, and its weight (1-1000; 0 disables it).</summary>
public sealed record WeightedEndpoint(string Name, string Target, int Weight);
