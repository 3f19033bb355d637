namespace PredictiveMigration.Domain.Connectors;

/// <summary>
/// One migration connectors will carry: scheduled (probability 1) or predicted (a candidate that will probably become a
/// migration, with its probability).
/// </summary>
/// <param name="MigrationId">The migration (or candidate) id.</param>
/// <param name="SourceRegion">Where its data is (a cloud region, or a customer site named like one).</param>
/// <param name="DataBytes">Bytes to copy (the initial full copy).</param>
/// <param name="EarliestStart">When it may start; an earlier time than now means as soon as possible.</param>
/// <param name="Deadline">When its copy must be done (its SLA or the predicted exhaustion).</param>
/// <param name="Probability">1 for a scheduled migration; 0-1 for a predicted one.</param>
/// <param name="FinalDeltaBytes">Bytes expected in the final delta at cut-over (drives downtime); 0 when unknown.</param>
public sealed record MigrationLoadItem(
    string MigrationId,
    string SourceRegion,
    long DataBytes,
    DateTimeOffset EarliestStart,
    DateTimeOffset Deadline,
    double Probability = 1,
    long FinalDeltaBytes = 0);
