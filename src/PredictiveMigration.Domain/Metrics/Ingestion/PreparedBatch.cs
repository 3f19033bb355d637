using PredictiveMigration.Domain.Metrics.Inventory;
using PredictiveMigration.Domain.Metrics.Rollups;

namespace PredictiveMigration.Domain.Metrics.Ingestion;

/// <summary>A validated batch ready to store: rollup groups, inventory observations, dead letters.</summary>
public sealed record PreparedBatch(
    IReadOnlyList<RollupGroup> Groups,
    IReadOnlyList<ServerObservation> Observations,
    IReadOnlyList<DeadLetter> DeadLetters,
    IReadOnlyList<IngestRejection> Rejected,
    int DuplicatesInBatch);
