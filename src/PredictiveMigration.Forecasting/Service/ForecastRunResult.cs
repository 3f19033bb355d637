namespace PredictiveMigration.Forecasting.Service;

/// <summary>What one <c>RunForecasts</c> tick did.</summary>
/// <param name="Tick">The tick (now floored to the forecasting step): assessments are stored under it.</param>
/// <param name="ActiveServers">Servers heard from within the active window.</param>
/// <param name="Forecast">Servers forecast and stored (active servers without any observed interval are skipped).</param>
/// <param name="AtRisk">Servers at or above the risk threshold (their candidates were upserted).</param>
/// <param name="CandidatesRemoved">Open candidates removed because their server fell below the threshold.</param>
/// <param name="ModelVersion">The model version used, or <c>baseline</c>.</param>
/// <param name="ModelProblem">Why the current model could not be used, when it could not.</param>
public sealed record ForecastRunResult(
    DateTimeOffset Tick,
    int ActiveServers,
    int Forecast,
    int AtRisk,
    int CandidatesRemoved,
    string ModelVersion,
    string? ModelProblem,
    TimeSpan ReadDuration,
    TimeSpan ForecastDuration,
    TimeSpan StoreDuration);
