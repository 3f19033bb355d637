using PredictiveMigration.Replication.Wire;

namespace PredictiveMigration.Replication.Tests.Wire;

public class BlockCodecTests
{
    [Theory]
    [InlineData(BlockCompression.Brotli)]
    [InlineData(BlockCompression.Deflate)]
    public void Compress_CompressibleBlock_RoundTripsSmaller(BlockCompression kind)
    {
        var raw = TestImages.Create(65536, 1);
        for (var i = 0; i < raw.Length; i++)
        {
            raw[i] = (byte)(i % 64 < 60 ? 'a' + (i % 7) : raw[i]);
        }

        var compressed = new byte[raw.Length];
        var length = BlockCodec.TryCompress(kind, 1, 0.9, raw, compressed);
        Assert.InRange(length, 1, raw.Length * 9 / 10);

        var back = new byte[raw.Length];
        BlockCodec.Decompress(kind, compressed, length, back, 0);
        Assert.Equal(raw, back);
    }

    [Theory]
    [InlineData(BlockCompression.Brotli)]
    [InlineData(BlockCompression.Deflate)]
    public void Compress_RandomBlock_DoesNotPayAndGoesRaw(BlockCompression kind)
    {
        var raw = new byte[65536];
        new Random(2).NextBytes(raw);

        Assert.Equal(-1, BlockCodec.TryCompress(kind, 1, 0.9, raw, new byte[raw.Length]));
    }

    [Fact]
    public void Decompress_DamagedPayload_FailsNamingTheBlock()
    {
        var raw = new byte[4096];
        Array.Fill(raw, (byte)'x');
        var compressed = new byte[raw.Length];
        var length = BlockCodec.TryCompress(BlockCompression.Brotli, 1, 0.9, raw, compressed);

        var ex = Assert.Throws<InvalidDataException>(() => BlockCodec.Decompress(BlockCompression.Brotli, compressed, length / 2, new byte[raw.Length], 17));

        Assert.Contains("block 17", ex.Message, StringComparison.Ordinal);
    }
}
