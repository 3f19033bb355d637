namespace PredictiveMigration.Domain.Cloud;

/// <summary>A VM size offered in a region.</summary>
public sealed record SizeInfo(string Name, int Cores, double MemoryGb);
