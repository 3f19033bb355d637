namespace PredictiveMigration.Domain.Placement;

/// <summary>A new VM of some size, or an existing host with headroom shared by everything placed on it.</summary>
public enum TargetKind
{
    NewVm,
    ExistingHost,
}
