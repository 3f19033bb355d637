namespace PredictiveMigration.Replication.Wire;

/// <summary>What the receiver applied in one attempt.</summary>
internal sealed record ReceiverStats(int Frames, long ImageLength, long BytesWritten);
