using System.Buffers.Binary;
using System.Text;
using Microsoft.Win32.SafeHandles;
using PredictiveMigration.Replication.Blocks;
using PredictiveMigration.Replication.Journal;

namespace PredictiveMigration.Replication.Wire;

/// <summary>
/// Applies a delta stream to the target image: checks the header against the expected (migration, cycle, block
/// size), sets the target's length, then writes each frame's block in place after checking its hash, recording it in
/// the journal. Every <see cref="ReplicationOptions.CheckpointFrames"/> frames the target is flushed to disk and the
/// journal marked durable. A stream that ends before its end frame is a cut transfer: what landed stays journaled.
/// </summary>
internal sealed class DeltaReceiver(ReplicationOptions options)
{
    public ReceiverStats Apply(Stream wire, SafeFileHandle target, ReceiverJournal journal, string migrationId, int cycle, CancellationToken cancellationToken)
    {
        var blockSize = options.BlockSize;
        var (compression, length) = ReadHeader(wire, migrationId, cycle, blockSize);
        journal.RecordLength(length);
        RandomAccess.SetLength(target, length);
        var count = BlockMath.BlockCount(length, blockSize);

        var prefix = new byte[DeltaFormat.FramePrefixBytes + 8];
        var block = new byte[blockSize];
        var compressed = new byte[blockSize];
        var frames = 0;
        long written = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ReadExactly(wire, prefix.AsSpan(0, 1), frames);
            var type = prefix[0];
            if (type == DeltaFormat.End)
            {
                ReadExactly(wire, prefix.AsSpan(0, 4), frames);
                var declared = BinaryPrimitives.ReadInt32LittleEndian(prefix);
                if (declared != frames)
                {
                    throw new InvalidDataException($"delta stream end frame declares {declared} frames but {frames} were received");
                }

                RandomAccess.FlushToDisk(target);
                journal.MarkDurable();
                return new ReceiverStats(frames, length, written);
            }

            ReadExactly(wire, prefix.AsSpan(1, DeltaFormat.FramePrefixBytes - 1), frames);
            var index = BinaryPrimitives.ReadInt32LittleEndian(prefix.AsSpan(1));
            var hash = BinaryPrimitives.ReadUInt128LittleEndian(prefix.AsSpan(5));
            if (index < 0 || index >= count)
            {
                throw new InvalidDataException($"delta frame {frames}: block index {index} is outside the image of {count} blocks");
            }

            var blockLength = BlockMath.BlockLength(length, blockSize, index);
            var data = block.AsSpan(0, blockLength);
            switch (type)
            {
                case DeltaFormat.Raw:
                    ExpectLength(wire, prefix, frames, index, blockLength);
                    ReadExactly(wire, data, frames);
                    break;
                case DeltaFormat.Compressed:
                    ExpectLength(wire, prefix, frames, index, blockLength);
                    var compressedLength = ReadUInt32(wire, prefix, frames);
                    if (compressedLength > blockSize)
                    {
                        throw new InvalidDataException($"delta frame {frames}: block {index} compressed to {compressedLength} bytes, more than the block size");
                    }

                    ReadExactly(wire, compressed.AsSpan(0, (int)compressedLength), frames);
                    BlockCodec.Decompress(compression, compressed, (int)compressedLength, data, index);
                    break;
                case DeltaFormat.Reference:
                    var holder = ReadUInt32(wire, prefix, frames);
                    if (holder >= (uint)count)
                    {
                        throw new InvalidDataException($"delta frame {frames}: block {index} refers to block {holder}, outside the image of {count} blocks");
                    }

                    ImageHasher.ReadExactly(target, data, (long)holder * blockSize);
                    break;
                case DeltaFormat.Zero:
                    ExpectLength(wire, prefix, frames, index, blockLength);
                    data.Clear();
                    break;
                default:
                    throw new InvalidDataException($"delta frame {frames}: unknown frame type {type}");
            }

            var actual = BlockMath.Hash(data);
            if (actual != hash)
            {
                throw new InvalidDataException($"delta frame {frames}: block {index} decodes to hash {actual:x32}, the frame says {hash:x32}");
            }

            RandomAccess.Write(target, (ReadOnlySpan<byte>)data, (long)index * blockSize);
            written += blockLength;
            journal.RecordApplied(index, hash);
            frames++;
            if (frames % options.CheckpointFrames == 0)
            {
                RandomAccess.FlushToDisk(target);
                journal.MarkDurable();
            }
        }
    }

    private static (BlockCompression Compression, long Length) ReadHeader(Stream wire, string migrationId, int cycle, int blockSize)
    {
        var fixedPart = new byte[26];
        ReadExactly(wire, fixedPart, 0);
        var s = fixedPart.AsSpan();
        if (!s[..4].SequenceEqual(DeltaFormat.Magic))
        {
            throw new InvalidDataException("not a delta stream (bad magic)");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(s[4..]);
        if (version != DeltaFormat.Version)
        {
            throw new InvalidDataException($"delta stream version {version} is not supported (this build reads version {DeltaFormat.Version})");
        }

        var compression = (BlockCompression)s[6];
        if (!Enum.IsDefined(compression))
        {
            throw new InvalidDataException($"delta stream declares unknown compression {s[6]}");
        }

        var streamBlockSize = BinaryPrimitives.ReadInt32LittleEndian(s[8..]);
        var streamCycle = BinaryPrimitives.ReadInt32LittleEndian(s[12..]);
        var length = BinaryPrimitives.ReadInt64LittleEndian(s[16..]);
        var id = new byte[BinaryPrimitives.ReadUInt16LittleEndian(s[24..])];
        ReadExactly(wire, id, 0);
        var streamMigration = Encoding.UTF8.GetString(id);
        if (streamMigration != migrationId || streamCycle != cycle || streamBlockSize != blockSize || length < 0)
        {
            throw new InvalidDataException(
                $"delta stream is for migration '{streamMigration}' cycle {streamCycle} (block size {streamBlockSize}, {length} bytes), expected migration '{migrationId}' cycle {cycle} (block size {blockSize})");
        }

        return (compression, length);
    }

    private static void ExpectLength(Stream wire, byte[] prefix, int frames, int index, int blockLength)
    {
        var declared = ReadUInt32(wire, prefix, frames);
        if (declared != blockLength)
        {
            throw new InvalidDataException($"delta frame {frames}: block {index} declares {declared} bytes, the image layout says {blockLength}");
        }
    }

    private static uint ReadUInt32(Stream wire, byte[] prefix, int frames)
    {
        var at = prefix.AsSpan(DeltaFormat.FramePrefixBytes, 4);
        ReadExactly(wire, at, frames);
        return BinaryPrimitives.ReadUInt32LittleEndian(at);
    }

    private static void ReadExactly(Stream wire, Span<byte> buffer, int frames)
    {
        try
        {
            wire.ReadExactly(buffer);
        }
        catch (EndOfStreamException ex)
        {
            throw new EndOfStreamException($"the delta stream ended after {frames} complete frames without its end frame (the transfer was cut); the blocks that landed are journaled and will not be sent again", ex);
        }
    }
}
