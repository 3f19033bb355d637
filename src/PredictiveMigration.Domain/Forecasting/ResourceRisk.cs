namespace PredictiveMigration.Domain.Forecasting;

/// <summary>
/// Risk of one resource over the forecast horizon.
/// </summary>
/// <param name="Threshold">Exhaustion threshold in the forecast unit (e.g. 90 % CPU, 95 % memory).</param>
/// <param name="Probability">Probability (0..1) that the resource crosses the threshold within the horizon.</param>
/// <param name="ExpectedTimeToExhaustion">When the median forecast crosses the threshold; null if it does not within the horizon.</param>
/// <param name="EarliestTimeToExhaustion">When the upper (p95) bound crosses: the pessimistic bound; null if it never does.</param>
/// <param name="LatestTimeToExhaustion">When the lower (p5) bound crosses: the optimistic bound; null if it does not within the horizon.</param>
/// <param name="TrendPerHour">Recent trend of the resource, in forecast units per hour.</param>
/// <param name="Score">This resource's contribution, 0..100.</param>
public sealed record ResourceRisk(
    ResourceKind Resource,
    double Threshold,
    double Probability,
    TimeSpan? ExpectedTimeToExhaustion,
    TimeSpan? EarliestTimeToExhaustion,
    TimeSpan? LatestTimeToExhaustion,
    double TrendPerHour,
    double Score);
