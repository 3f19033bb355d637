namespace PredictiveMigration.Domain.Placement;

/// <summary>How placement decides. Defaults: 20 % headroom over the forecast upper bound; splits into up to 3 parts.</summary>
public sealed record PlacementPolicy(double Headroom = 0.2, int MaxSplit = 3, int ExplainTop = 3)
{
    public void Validate()
    {
        if (Headroom is < 0 or > 4)
        {
            throw new ArgumentOutOfRangeException(nameof(Headroom), Headroom, "Placement:Headroom must be between 0 and 4 (a fraction of the demand).");
        }

        if (MaxSplit is < 1 or > 8)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxSplit), MaxSplit, "Placement:MaxSplit must be between 1 and 8.");
        }
    }
}
