namespace PredictiveMigration.Domain.Cloud;

/// <summary>A virtual machine to create or update: where, how big, and its tags (the product tags what it owns).</summary>
public sealed record VmSpec(string ResourceGroup, string Name, string Region, string Size, IReadOnlyDictionary<string, string>? Tags = null);
