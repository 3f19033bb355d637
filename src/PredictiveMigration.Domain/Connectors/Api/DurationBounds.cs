namespace PredictiveMigration.Domain.Connectors.Api;

/// <summary>A transfer's duration in seconds: expected (median rate), lower (optimistic rate), upper (pessimistic rate, one retry at the failure rate).</summary>
public sealed record DurationBounds(double ExpectedSeconds, double LowerSeconds, double UpperSeconds);
