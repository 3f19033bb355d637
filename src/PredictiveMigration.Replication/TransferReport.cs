using PredictiveMigration.Replication.Wire;

namespace PredictiveMigration.Replication;

/// <summary>The detail behind one attempt of a cycle (for tests, the benchmark and diagnostics).</summary>
/// <param name="ResumedBlocks">Changed blocks that an interrupted earlier attempt had already landed (not sent again).</param>
internal sealed record TransferReport(int Cycle, int ChangedBlocks, int ResumedBlocks, SenderStats Sender, ReceiverStats Receiver);
