namespace PredictiveMigration.Replication;

/// <summary>How the file replication engine cuts, compresses and records images. Call <see cref="Validate"/> at start-up.</summary>
public sealed class ReplicationOptions
{
    /// <summary>Smallest accepted <see cref="BlockSize"/> (4 KiB, a file-system page).</summary>
    public const int MinBlockSize = 4 * 1024;

    /// <summary>Largest accepted <see cref="BlockSize"/> (16 MiB; bigger blocks make every change expensive).</summary>
    public const int MaxBlockSize = 16 * 1024 * 1024;

    /// <summary>Directory for manifests, journals and locks, one sub-directory per migration. Required.</summary>
    public string StateDirectory { get; set; } = string.Empty;

    /// <summary>Block size in bytes; a multiple of 4 KiB between 4 KiB and 16 MiB. Default 64 KiB: 16,384 hashes
    /// (256 KiB of manifest) per GiB, and a 1 % change costs ~1 % of the image.</summary>
    public int BlockSize { get; set; } = 64 * 1024;

    /// <summary>Compression of sent blocks. Default <see cref="BlockCompression.Brotli"/>.</summary>
    public BlockCompression Compression { get; set; } = BlockCompression.Brotli;

    /// <summary>Brotli quality 0–11. Default 1: ~4× faster than quality 4 for a few per cent less ratio on disk
    /// content, so compression never becomes the bottleneck of a full copy.</summary>
    public int BrotliQuality { get; set; } = 1;

    /// <summary>A compressed block is sent compressed only when it is at most this fraction of the raw size
    /// (default 0.9); otherwise it goes raw and the receiver does not pay for decompression.</summary>
    public double CompressionThreshold { get; set; } = 0.9;

    /// <summary>Workers hashing and compressing in parallel. Default: the processor count. Memory stays bounded by
    /// workers × <see cref="ReadChunkBlocks"/> × <see cref="BlockSize"/>.</summary>
    public int MaxParallelism { get; set; } = Environment.ProcessorCount;

    /// <summary>Blocks read per I/O call while hashing (default 16, i.e. 1 MiB reads at 64 KiB blocks).</summary>
    public int ReadChunkBlocks { get; set; } = 16;

    /// <summary>The receiver flushes the target to disk and marks the journal durable every this many frames
    /// (default 1024, 64 MiB at 64 KiB blocks). Frames after the last mark are re-verified by hash on resume.</summary>
    public int CheckpointFrames { get; set; } = 1024;

    /// <summary>After the final cycle, re-read the target and check every block hash against the manifest
    /// (default true): the cut-over never starts on a target that differs from what was sent.</summary>
    public bool VerifyTargetOnFinal { get; set; } = true;

    /// <summary>Throws with a message naming the first invalid setting.</summary>
    public ReplicationOptions Validate()
    {
        if (string.IsNullOrWhiteSpace(StateDirectory))
        {
            throw new ArgumentException("Replication:StateDirectory is required (where manifests and journals live).", nameof(StateDirectory));
        }

        if (BlockSize < MinBlockSize || BlockSize > MaxBlockSize || BlockSize % MinBlockSize != 0)
        {
            throw new ArgumentException($"Replication:BlockSize must be a multiple of 4096 between {MinBlockSize} and {MaxBlockSize} (was {BlockSize}).", nameof(BlockSize));
        }

        if (!Enum.IsDefined(Compression))
        {
            throw new ArgumentException($"Replication:Compression must be one of {string.Join(", ", Enum.GetNames<BlockCompression>())} (was {Compression}).", nameof(Compression));
        }

        if (BrotliQuality is < 0 or > 11)
        {
            throw new ArgumentException($"Replication:BrotliQuality must be from 0 to 11 (was {BrotliQuality}).", nameof(BrotliQuality));
        }

        if (CompressionThreshold is <= 0 or > 1 || double.IsNaN(CompressionThreshold))
        {
            throw new ArgumentException($"Replication:CompressionThreshold must be in (0, 1] (was {CompressionThreshold}).", nameof(CompressionThreshold));
        }

        if (MaxParallelism < 1)
        {
            throw new ArgumentException($"Replication:MaxParallelism must be at least 1 (was {MaxParallelism}).", nameof(MaxParallelism));
        }

        if (ReadChunkBlocks < 1 || (long)ReadChunkBlocks * BlockSize > 64 * 1024 * 1024)
        {
            throw new ArgumentException($"Replication:ReadChunkBlocks must be at least 1 and ReadChunkBlocks × BlockSize at most 64 MiB (was {ReadChunkBlocks}).", nameof(ReadChunkBlocks));
        }

        if (CheckpointFrames < 1)
        {
            throw new ArgumentException($"Replication:CheckpointFrames must be at least 1 (was {CheckpointFrames}).", nameof(CheckpointFrames));
        }

        return this;
    }
}
