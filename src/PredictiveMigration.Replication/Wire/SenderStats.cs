namespace PredictiveMigration.Replication.Wire;

/// <summary>What the sender put on the wire in one attempt.</summary>
/// <param name="BytesSent">Bytes written to the wire (header, frames, end), counted where they leave the sender.</param>
/// <param name="SentBlocks">Block indices that got a frame, in order.</param>
internal sealed record SenderStats(
    long BytesSent,
    int RawFrames,
    int CompressedFrames,
    int ReferenceFrames,
    int ZeroFrames,
    long PayloadRawBytes,
    IReadOnlyList<int> SentBlocks)
{
    public int Frames => RawFrames + CompressedFrames + ReferenceFrames + ZeroFrames;
}
