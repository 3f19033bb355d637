namespace PredictiveMigration.Forecasting.Series;

/// <summary>What input preparation repaired: values capped to the valid range, samples merged into one interval, intervals filled.</summary>
public sealed record SeriesArtefacts(int Capped, int DuplicatesMerged, int GapsFilled, int CapacityChanges)
{
    public static SeriesArtefacts None { get; } = new(0, 0, 0, 0);
}
