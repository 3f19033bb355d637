namespace PredictiveMigration.Forecasting.Persistence;

/// <summary>
/// A persisted model: name (e.g. <c>global_gbm-cpu</c>), version, the training window, backtest scores (lower is
/// better for every key, e.g. "mae") and the serialised model.
/// </summary>
public sealed record ModelArtifact(string Name, string Version, DateTimeOffset TrainedFrom, DateTimeOffset TrainedTo, IReadOnlyDictionary<string, double> Scores, ReadOnlyMemory<byte> Payload);
