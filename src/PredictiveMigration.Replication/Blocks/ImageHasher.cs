using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace PredictiveMigration.Replication.Blocks;

/// <summary>
/// Hashes every block of an image in parallel, streaming: each worker reads a chunk of
/// <see cref="ReplicationOptions.ReadChunkBlocks"/> blocks into a pooled buffer, so memory stays at
/// workers × chunk whatever the image size.
/// </summary>
internal static class ImageHasher
{
    public static UInt128[] HashImage(SafeFileHandle image, long length, ReplicationOptions options, CancellationToken cancellationToken)
    {
        var blockSize = options.BlockSize;
        var count = BlockMath.BlockCount(length, blockSize);
        var hashes = new UInt128[count];
        var chunkBlocks = options.ReadChunkBlocks;
        var chunks = (count + chunkBlocks - 1) / chunkBlocks;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism, CancellationToken = cancellationToken };
        Parallel.For(0, chunks, parallel, chunk =>
        {
            var first = chunk * chunkBlocks;
            var blocks = Math.Min(chunkBlocks, count - first);
            var offset = (long)first * blockSize;
            var bytes = (int)Math.Min((long)blocks * blockSize, length - offset);
            var buffer = ArrayPool<byte>.Shared.Rent(bytes);
            try
            {
                ReadExactly(image, buffer.AsSpan(0, bytes), offset);
                for (var b = 0; b < blocks; b++)
                {
                    var start = b * blockSize;
                    hashes[first + b] = BlockMath.Hash(buffer.AsSpan(start, Math.Min(blockSize, bytes - start)));
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        });
        return hashes;
    }

    /// <summary>Reads exactly <paramref name="buffer"/>.Length bytes at <paramref name="offset"/>; a file that shrank under us is an error.</summary>
    public static void ReadExactly(SafeFileHandle file, Span<byte> buffer, long offset)
    {
        var done = 0;
        while (done < buffer.Length)
        {
            var n = RandomAccess.Read(file, buffer[done..], offset + done);
            if (n == 0)
            {
                throw new IOException($"the image ended at byte {offset + done} while {offset + buffer.Length} bytes were expected (it shrank during the cycle; run the cycle again)");
            }

            done += n;
        }
    }
}
