namespace PredictiveMigration.Domain.Cloud;

/// <summary>A virtual machine as the cloud reports it. <see cref="PowerState"/> is null unless the instance view was read.</summary>
public sealed record VmInfo(string Id, string ResourceGroup, string Name, string Region, string Size, string ProvisioningState, string? PowerState, IReadOnlyDictionary<string, string> Tags);
