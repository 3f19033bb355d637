namespace PredictiveMigration.Sandbox.Fleet;

/// <summary>
/// What a server runs on: the VM size, its cores and memory, and the VM's identity (a migration changes it; a resize
/// does not). A failure scheduled for the original VM does not happen once the server has moved to another VM.
/// </summary>
public sealed record ServerCapacity(string Size, int Cores, double MemoryGb, string VmId);
