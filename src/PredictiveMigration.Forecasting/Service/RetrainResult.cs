namespace PredictiveMigration.Forecasting.Service;

/// <summary>What one <c>RetrainModels</c> run did: the version it trained, whether it was promoted and why, and the backtest scores.</summary>
public sealed record RetrainResult(
    string Version,
    bool Promoted,
    string Reason,
    int Servers,
    double? CandidateScore,
    double? CurrentScore,
    string? PreviousVersion,
    IReadOnlyDictionary<string, double> Scores);
