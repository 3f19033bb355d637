namespace PredictiveMigration.Domain.Placement;

/// <summary>What a decision does with the server.</summary>
public enum PlacementStrategy
{
    /// <summary>A bigger (or cheaper) VM in the region it runs in.</summary>
    ResizeInPlace,

    /// <summary>One target in the same region: an existing host with headroom.</summary>
    Move,

    /// <summary>One target in another region.</summary>
    MoveRegion,

    /// <summary>The workload split across several targets.</summary>
    Split,

    /// <summary>Nothing fits within the constraints.</summary>
    Unplaceable,
}
