using PredictiveMigration.Forecasting.Persistence;

namespace PredictiveMigration.Forecasting.Service;

/// <summary>
/// A model store that also keeps the promotion record: why each version was or was not promoted, the "current"
/// pointer with an optimistic-concurrency token, and the list of versions. <c>RetrainModels</c> decides on the same
/// held-out data for the candidate and the current model, so the decision is taken here rather than by comparing
/// scores stored from different training runs (<see cref="IModelStore.PromoteIfBetterAsync"/>).
/// </summary>
public interface IModelRegistry : IModelStore
{
    /// <summary>Saves a version with the decision taken about it (overwrites the same version: a re-run is harmless).</summary>
    Task SaveAsync(ModelArtifact artifact, ModelDecision decision, CancellationToken cancellationToken);

    /// <summary>The current pointer of a model with its concurrency token; null when none is promoted.</summary>
    Task<ModelPointer?> GetCurrentAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Makes <paramref name="version"/> current if the pointer is still <paramref name="expected"/> (null: still absent);
    /// false when someone else moved it in between.
    /// </summary>
    Task<bool> TryPromoteAsync(string name, string version, ModelPointer? expected, CancellationToken cancellationToken);

    /// <summary>Replaces the decision recorded for a saved version.</summary>
    Task RecordDecisionAsync(string name, string version, ModelDecision decision, CancellationToken cancellationToken);

    /// <summary>Every saved version with its window, scores and decision, newest first.</summary>
    Task<IReadOnlyList<ModelVersionInfo>> ListVersionsAsync(string name, CancellationToken cancellationToken);
}

/// <summary>The promoted version and the token that guards changing it (a blob ETag).</summary>
public sealed record ModelPointer(string Version, string ETag);

/// <summary>
/// Why a version was or was not promoted. Scores are the backtest's relative MAE (model MAE / naive MAE over every
/// resource, lower is better) of the candidate and of the model current at the time, on the same held-out tail.
/// </summary>
public sealed record ModelDecision(
    bool Promoted,
    string Reason,
    DateTimeOffset DecidedAt,
    DateTimeOffset? HoldoutFrom,
    DateTimeOffset? HoldoutTo,
    double? CandidateScore,
    double? CurrentScore,
    string? CurrentVersion);

/// <summary>One saved version as listed by the registry.</summary>
public sealed record ModelVersionInfo(
    string Name,
    string Version,
    DateTimeOffset TrainedFrom,
    DateTimeOffset TrainedTo,
    IReadOnlyDictionary<string, double> Scores,
    ModelDecision? Decision,
    bool IsCurrent);
