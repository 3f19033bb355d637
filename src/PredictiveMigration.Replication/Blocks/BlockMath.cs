using System.IO.Hashing;

namespace PredictiveMigration.Replication.Blocks;

/// <summary>Block arithmetic and the block hash (XxHash128 of the block's bytes; a short last block hashes its own length).</summary>
internal static class BlockMath
{
    private static readonly byte[] Zeros = new byte[ReplicationOptions.MaxBlockSize];

    public static int BlockCount(long imageLength, int blockSize) =>
        checked((int)((imageLength + blockSize - 1) / blockSize));

    public static int BlockLength(long imageLength, int blockSize, int index)
    {
        var start = (long)index * blockSize;
        return (int)Math.Min(blockSize, imageLength - start);
    }

    public static UInt128 Hash(ReadOnlySpan<byte> block) => XxHash128.HashToUInt128(block);

    /// <summary>The hash of an all-zero block of <paramref name="length"/> bytes.</summary>
    public static UInt128 ZeroHash(int length) => Hash(ZeroSpan(length));

    public static ReadOnlySpan<byte> ZeroSpan(int length) => Zeros.AsSpan(0, length);

    /// <summary>A digest of a whole hash array (what a manifest or a cycle's result is checked against).</summary>
    public static UInt128 Digest(ReadOnlySpan<UInt128> hashes) =>
        XxHash128.HashToUInt128(System.Runtime.InteropServices.MemoryMarshal.AsBytes(hashes));
}
