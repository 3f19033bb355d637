using PredictiveMigration.Durable.Protobuf;

namespace PredictiveMigration.Durable.Storage.Backend;

/// <summary>One committed episode of an instance's history, as stored by the development backend.</summary>
/// <param name="Generation">The execution generation (0, then +1 for each ContinueAsNew).</param>
/// <param name="Sequence">The episode's number within its generation, from 1.</param>
/// <param name="RecordedAt">
/// When the backend recorded the episode: taken after the orchestrator's answer was decoded, right before the
/// ETag-guarded commit that records its actions.
/// </param>
/// <param name="Events">The history events the episode appended, in order.</param>
public sealed record HistoryEpisode(int Generation, int Sequence, DateTimeOffset RecordedAt, IReadOnlyList<HistoryEvent> Events);
