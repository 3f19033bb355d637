using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Microsoft.Win32.SafeHandles;
using PredictiveMigration.Replication.Blocks;

namespace PredictiveMigration.Replication.Wire;

/// <summary>
/// Produces the delta stream for the blocks that differ from what the target holds. Blocks are read and compressed in
/// parallel batches (pooled buffers, memory bounded by the batch), then framed strictly in block order. An all-zero
/// block goes as a zero frame, a block whose hash the target already holds (unchanged elsewhere in the image, or sent
/// earlier in this stream) goes as a reference, anything else as a compressed or raw payload. A block re-read for
/// sending is re-hashed, so the manifest records exactly what was sent even if the source changed since hashing.
/// </summary>
internal sealed class DeltaSender(ReplicationOptions options)
{
    private readonly struct Prepared
    {
        public Prepared(byte[] raw, int rawLength, byte[]? compressed, int compressedLength, UInt128 hash)
        {
            Raw = raw;
            RawLength = rawLength;
            Compressed = compressed;
            CompressedLength = compressedLength;
            Hash = hash;
        }

        public byte[] Raw { get; }

        public int RawLength { get; }

        public byte[]? Compressed { get; }

        public int CompressedLength { get; }

        public UInt128 Hash { get; }
    }

    /// <param name="hashes">The new image's block hashes; entries are corrected for blocks that changed while being sent.</param>
    /// <param name="changed">Ascending indices of blocks the target does not hold.</param>
    public SenderStats Send(
        SafeFileHandle source,
        long length,
        UInt128[] hashes,
        TargetState target,
        IReadOnlyList<int> changed,
        string migrationId,
        int cycle,
        Stream wire,
        CancellationToken cancellationToken)
    {
        var blockSize = options.BlockSize;
        var counter = new CountingStream(wire);
        using var output = new BufferedStream(counter, 256 * 1024);
        WriteHeader(output, migrationId, cycle, length);

        var count = hashes.Length;
        var zeroFull = BlockMath.ZeroHash(blockSize);
        var lastLength = count == 0 ? 0 : BlockMath.BlockLength(length, blockSize, count - 1);
        var zeroLast = BlockMath.ZeroHash(lastLength);
        bool IsZero(int index, UInt128 hash) => hash == (index == count - 1 ? zeroLast : zeroFull);

        // References: hash → a target block holding those bytes (validated against the target state at use).
        var holders = new Dictionary<UInt128, int>();
        var changedSet = new HashSet<int>(changed);
        for (var i = 0; i < count; i++)
        {
            if (!changedSet.Contains(i) && target.Holds(i, hashes[i]) && !IsZero(i, hashes[i]))
            {
                holders.TryAdd(hashes[i], i);
            }
        }

        int raw = 0, compressed = 0, references = 0, zeros = 0;
        long payloadRaw = 0;
        var sent = new List<int>(changed.Count);
        var frame = new byte[DeltaFormat.FramePrefixBytes + 8];
        var batch = Math.Max(1, options.MaxParallelism * 4);
        var prepared = new Prepared?[batch];
        var need = new bool[batch];
        var seen = new HashSet<UInt128>();
        for (var at = 0; at < changed.Count; at += batch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var n = Math.Min(batch, changed.Count - at);
            seen.Clear();
            for (var k = 0; k < n; k++)
            {
                var index = changed[at + k];
                var h = hashes[index];
                need[k] = !IsZero(index, h) && !holders.ContainsKey(h) && seen.Add(h);
            }

            Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism, CancellationToken = cancellationToken }, k =>
            {
                prepared[k] = need[k] ? Prepare(source, length, changed[at + k]) : null;
            });

            try
            {
                for (var k = 0; k < n; k++)
                {
                    var index = changed[at + k];
                    var blockLength = BlockMath.BlockLength(length, blockSize, index);
                    var planned = hashes[index];
                    if (IsZero(index, planned))
                    {
                        WritePrefix(output, frame, DeltaFormat.Zero, index, planned);
                        WriteUInt32(output, frame, (uint)blockLength);
                        zeros++;
                    }
                    else if (holders.TryGetValue(planned, out var holder) && holder != index && target.Holds(holder, planned))
                    {
                        WritePrefix(output, frame, DeltaFormat.Reference, index, planned);
                        WriteUInt32(output, frame, (uint)holder);
                        references++;
                    }
                    else
                    {
                        var p = prepared[k] ?? Prepare(source, length, index);
                        prepared[k] = p;
                        hashes[index] = p.Hash;
                        if (p.Compressed is not null)
                        {
                            WritePrefix(output, frame, DeltaFormat.Compressed, index, p.Hash);
                            WriteUInt32(output, frame, (uint)p.RawLength);
                            WriteUInt32(output, frame, (uint)p.CompressedLength);
                            output.Write(p.Compressed, 0, p.CompressedLength);
                            compressed++;
                        }
                        else
                        {
                            WritePrefix(output, frame, DeltaFormat.Raw, index, p.Hash);
                            WriteUInt32(output, frame, (uint)p.RawLength);
                            output.Write(p.Raw, 0, p.RawLength);
                            raw++;
                        }

                        payloadRaw += p.RawLength;
                        holders[p.Hash] = index;
                    }

                    target.Set(index, hashes[index]);
                    sent.Add(index);
                }
            }
            finally
            {
                for (var k = 0; k < n; k++)
                {
                    if (prepared[k] is { } p)
                    {
                        ArrayPool<byte>.Shared.Return(p.Raw);
                        if (p.Compressed is not null)
                        {
                            ArrayPool<byte>.Shared.Return(p.Compressed);
                        }

                        prepared[k] = null;
                    }
                }
            }
        }

        frame[0] = DeltaFormat.End;
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(1), sent.Count);
        output.Write(frame, 0, 5);
        output.Flush();
        return new SenderStats(counter.BytesWritten, raw, compressed, references, zeros, payloadRaw, sent);
    }

    private Prepared Prepare(SafeFileHandle source, long length, int index)
    {
        var blockSize = options.BlockSize;
        var blockLength = BlockMath.BlockLength(length, blockSize, index);
        var raw = ArrayPool<byte>.Shared.Rent(blockLength);
        ImageHasher.ReadExactly(source, raw.AsSpan(0, blockLength), (long)index * blockSize);
        var hash = BlockMath.Hash(raw.AsSpan(0, blockLength));
        if (options.Compression == BlockCompression.None)
        {
            return new Prepared(raw, blockLength, null, 0, hash);
        }

        var compressed = ArrayPool<byte>.Shared.Rent(blockLength);
        var written = BlockCodec.TryCompress(options.Compression, options.BrotliQuality, options.CompressionThreshold, raw.AsSpan(0, blockLength), compressed);
        if (written < 0)
        {
            ArrayPool<byte>.Shared.Return(compressed);
            return new Prepared(raw, blockLength, null, 0, hash);
        }

        return new Prepared(raw, blockLength, compressed, written, hash);
    }

    private void WriteHeader(Stream output, string migrationId, int cycle, long length)
    {
        var id = Encoding.UTF8.GetBytes(migrationId);
        var header = new byte[4 + 2 + 1 + 1 + 4 + 4 + 8 + 2 + id.Length];
        var s = header.AsSpan();
        DeltaFormat.Magic.CopyTo(s);
        BinaryPrimitives.WriteUInt16LittleEndian(s[4..], DeltaFormat.Version);
        s[6] = (byte)options.Compression;
        s[7] = 0;
        BinaryPrimitives.WriteInt32LittleEndian(s[8..], options.BlockSize);
        BinaryPrimitives.WriteInt32LittleEndian(s[12..], cycle);
        BinaryPrimitives.WriteInt64LittleEndian(s[16..], length);
        BinaryPrimitives.WriteUInt16LittleEndian(s[24..], checked((ushort)id.Length));
        id.CopyTo(s[26..]);
        output.Write(header);
    }

    private static void WritePrefix(Stream output, byte[] frame, byte type, int index, UInt128 hash)
    {
        frame[0] = type;
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(1), index);
        BinaryPrimitives.WriteUInt128LittleEndian(frame.AsSpan(5), hash);
        output.Write(frame, 0, DeltaFormat.FramePrefixBytes);
    }

    private static void WriteUInt32(Stream output, byte[] frame, uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(DeltaFormat.FramePrefixBytes), value);
        output.Write(frame, DeltaFormat.FramePrefixBytes, 4);
    }
}
