namespace PredictiveMigration.Forecasting.Persistence;

/// <summary>
/// Versioned model storage. Saving never changes what scoring uses; <see cref="PromoteIfBetterAsync"/> makes a version
/// current only when its score beats the current one's. The file-system adapter serves the CLI; the Functions side
/// needs a Blob adapter of the same port.
/// </summary>
public interface IModelStore
{
    Task SaveAsync(ModelArtifact artifact, CancellationToken cancellationToken);

    /// <summary>Loads a version, or the current (promoted) one when <paramref name="version"/> is null; null when absent.</summary>
    Task<ModelArtifact?> LoadAsync(string name, string? version, CancellationToken cancellationToken);

    /// <summary>Promotes <paramref name="version"/> if no version is current or its <paramref name="scoreKey"/> is lower than the current one's; returns whether it did.</summary>
    Task<bool> PromoteIfBetterAsync(string name, string version, string scoreKey, CancellationToken cancellationToken);
}
