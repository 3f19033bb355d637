namespace PredictiveMigration.Replication.Wire;

/// <summary>
/// The delta stream (little-endian; docs/replication.md has the full layout). A header
/// (<c>PMRD</c>, version, compression, block size, cycle, image length, migration id), then one frame per block
/// that changed, then an end frame with the frame count. Every block frame carries the block's XxHash128, which the
/// receiver checks after decoding, so a damaged or misapplied frame fails loudly instead of corrupting the target.
/// </summary>
internal static class DeltaFormat
{
    public const ushort Version = 1;

    public static ReadOnlySpan<byte> Magic => "PMRD"u8;

    /// <summary>type, index, hash.</summary>
    public const int FramePrefixBytes = 1 + 4 + 16;

    /// <summary>Raw block: prefix, u32 length, bytes.</summary>
    public const byte Raw = 1;

    /// <summary>Compressed block: prefix, u32 raw length, u32 compressed length, bytes.</summary>
    public const byte Compressed = 2;

    /// <summary>Reference: prefix, i32 index of a target block that already holds these bytes.</summary>
    public const byte Reference = 3;

    /// <summary>All-zero block: prefix, u32 length; no payload.</summary>
    public const byte Zero = 4;

    /// <summary>End: type, i32 number of block frames; nothing follows.</summary>
    public const byte End = 0xFF;
}
