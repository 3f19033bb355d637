namespace PredictiveMigration.Sandbox.Cloud;

/// <summary>A VM size of the sandbox catalogue: vCPUs, memory and the pay-as-you-go price per hour in the base region.</summary>
public sealed record VmSize(string Name, int Cores, double MemoryGb, double PricePerHour);
