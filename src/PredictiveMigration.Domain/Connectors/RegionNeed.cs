namespace PredictiveMigration.Domain.Connectors;

/// <summary>
/// What a region has and needs, as the planner saw it. Needs are active connectors: <see cref="NeedActive"/> before the
/// next run could activate one, <see cref="NeedProvisioned"/> before a new one could be provisioned and activated,
/// <see cref="NeedHold"/> over the scale-down look-ahead, and the horizon's peak.
/// </summary>
public sealed record RegionNeed(
    string Region,
    int Active,
    int Warm,
    int Draining,
    int NeedActive,
    int NeedProvisioned,
    int NeedHold,
    int PeakNeed,
    DateTimeOffset? PeakAt);
