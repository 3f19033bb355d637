using System.IO.Compression;

namespace PredictiveMigration.Replication.Wire;

/// <summary>Compresses one block when it pays (at most <see cref="ReplicationOptions.CompressionThreshold"/> of its raw size) and decompresses it on the other side.</summary>
internal static class BlockCodec
{
    /// <summary>Brotli's window (2^22 bytes, its default); blocks are smaller, so the encoder never uses more.</summary>
    private const int BrotliWindow = 22;

    /// <summary>Compresses <paramref name="raw"/> into <paramref name="destination"/>; returns the compressed length, or -1 when it does not pay.</summary>
    public static int TryCompress(BlockCompression kind, int brotliQuality, double threshold, ReadOnlySpan<byte> raw, byte[] destination)
    {
        var limit = (int)Math.Min(destination.Length, Math.Floor(raw.Length * threshold));
        if (limit <= 0)
        {
            return -1;
        }

        switch (kind)
        {
            case BlockCompression.Brotli:
                return BrotliEncoder.TryCompress(raw, destination.AsSpan(0, limit), out var written, brotliQuality, BrotliWindow) ? written : -1;
            case BlockCompression.Deflate:
                try
                {
                    using var memory = new MemoryStream(destination, 0, limit, writable: true);
                    using (var deflate = new DeflateStream(memory, CompressionLevel.Fastest, leaveOpen: true))
                    {
                        deflate.Write(raw);
                    }

                    return (int)memory.Position;
                }
                catch (NotSupportedException)
                {
                    return -1; // did not fit under the limit: send raw
                }

            default:
                return -1;
        }
    }

    /// <summary>Decompresses exactly <paramref name="destination"/>.Length bytes or throws <see cref="InvalidDataException"/>.</summary>
    public static void Decompress(BlockCompression kind, byte[] compressed, int compressedLength, Span<byte> destination, int index)
    {
        switch (kind)
        {
            case BlockCompression.Brotli:
                if (!BrotliDecoder.TryDecompress(compressed.AsSpan(0, compressedLength), destination, out var written) || written != destination.Length)
                {
                    throw new InvalidDataException($"block {index}: the Brotli payload does not decode to {destination.Length} bytes");
                }

                return;
            case BlockCompression.Deflate:
                using (var memory = new MemoryStream(compressed, 0, compressedLength, writable: false))
                using (var deflate = new DeflateStream(memory, CompressionMode.Decompress))
                {
                    try
                    {
                        deflate.ReadExactly(destination);
                    }
                    catch (EndOfStreamException ex)
                    {
                        throw new InvalidDataException($"block {index}: the Deflate payload does not decode to {destination.Length} bytes", ex);
                    }
                }

                return;
            default:
                throw new InvalidDataException($"block {index}: a compressed frame in a stream declared uncompressed");
        }
    }
}
