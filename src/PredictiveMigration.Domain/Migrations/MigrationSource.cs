namespace PredictiveMigration.Domain.Migrations;

/// <summary>
/// The server being moved, as the cloud and the traffic layer know it.
/// </summary>
/// <param name="ServerId">The monitored server id.</param>
/// <param name="ResourceGroup">The source VM's resource group.</param>
/// <param name="VmName">The source VM.</param>
/// <param name="Region">The source region.</param>
/// <param name="Size">The source VM size.</param>
/// <param name="Cores">The source size's vCPUs.</param>
/// <param name="Disk">The source disk (a file path in the sandbox, a managed disk id in Azure).</param>
/// <param name="TrafficProfile">The routing resource (profile) in <paramref name="ResourceGroup"/>.</param>
/// <param name="Endpoint">The source's endpoint target (address) in the profile.</param>
/// <param name="Environment">The environment (e.g. prod, test): approval policy is per environment.</param>
/// <param name="Priority">Recovery priority: lower moves first in a recovery plan.</param>
/// <param name="DiskBytes">
/// The source disk's size in bytes (what the initial full copy moves), or null when unknown: connectors then assume
/// their configured default. Optional, so decisions recorded before it existed still read.
/// </param>
public sealed record MigrationSource(
    string ServerId,
    string ResourceGroup,
    string VmName,
    string Region,
    string Size,
    int Cores,
    string Disk,
    string TrafficProfile,
    string Endpoint,
    string Environment = "prod",
    int Priority = 100,
    long? DiskBytes = null);
