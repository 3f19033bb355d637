using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Replication.Blocks;
using PredictiveMigration.Replication.Manifests;

namespace PredictiveMigration.Replication.Tests;

public class FileReplicationServiceTests
{
    private const int Block = 4096;

    [Theory(Timeout = 60_000)]
    [InlineData(1, BlockCompression.Brotli)]
    [InlineData(2, BlockCompression.Deflate)]
    [InlineData(3, BlockCompression.None)]
    public async Task Replicate_FullThenSeveralDeltas_TargetEqualsSourceAfterEveryCycle(int seed, BlockCompression compression)
    {
        using var h = new ReplicationHarness(Block, compression);
        var random = new Random(seed);
        var image = TestImages.Create((Block * 300) + 1234, seed);
        h.WriteSource(image);

        var full = await h.RunAsync(0);
        h.AssertTargetEqualsSource();
        Assert.True(full.Full);
        Assert.Equal(image.Length, full.BytesScanned);

        for (var cycle = 1; cycle <= 4; cycle++)
        {
            for (var c = 0; c < 5; c++)
            {
                var at = random.Next(image.Length - 100);
                TestImages.Fill(image.AsSpan(at, random.Next(1, Math.Min(9000, image.Length - at))), random);
            }

            h.WriteSource(image);
            var delta = await h.RunAsync(cycle, final: cycle == 4);
            h.AssertTargetEqualsSource();
            Assert.False(delta.Full);
            Assert.Equal(cycle, delta.Cycle);
            Assert.True(delta.BytesSent < full.BytesSent, $"cycle {cycle} sent {delta.BytesSent} bytes, the full copy {full.BytesSent}");
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task Delta_WriteAcrossABlockBoundary_SendsExactlyTheTwoTouchedBlocks()
    {
        using var h = new ReplicationHarness(Block);
        var image = TestImages.Create(Block * 64, 7);
        h.WriteSource(image);
        await h.RunAsync(0);

        image[(Block * 10) - 1] ^= 0xFF; // last byte of block 9
        image[Block * 10] ^= 0xFF;       // first byte of block 10
        h.WriteSource(image);
        var delta = await h.RunAsync(1);

        h.AssertTargetEqualsSource();
        Assert.Equal(2, delta.ChangedBlocks);
        Assert.Equal([9, 10], h.Service.LastTransfer!.Sender.SentBlocks);
        Assert.True(delta.BytesSent < 2 * Block + 200, $"sent {delta.BytesSent} bytes for two {Block}-byte blocks");
    }

    [Fact(Timeout = 30_000)]
    public async Task Delta_NothingChanged_SendsNoBlockFrames()
    {
        using var h = new ReplicationHarness(Block);
        h.WriteSource(TestImages.Create(Block * 32, 3));
        await h.RunAsync(0);

        var delta = await h.RunAsync(1);

        Assert.Equal(0, delta.ChangedBlocks);
        Assert.Empty(h.Service.LastTransfer!.Sender.SentBlocks);
        Assert.True(delta.BytesSent < 100, $"an empty delta cost {delta.BytesSent} bytes");
        h.AssertTargetEqualsSource();
    }

    [Fact(Timeout = 30_000)]
    public async Task Delta_ImageGrowsThenShrinksToUnalignedLengths_TargetFollows()
    {
        using var h = new ReplicationHarness(Block);
        var image = TestImages.Create((Block * 20) + 100, 11);
        h.WriteSource(image);
        await h.RunAsync(0);

        var grown = image.Concat(TestImages.Create((Block * 7) + 555, 12)).ToArray();
        h.WriteSource(grown);
        var grow = await h.RunAsync(1);
        h.AssertTargetEqualsSource();
        Assert.Equal(grown.Length, grow.BytesScanned);
        Assert.Equal(8, grow.ChangedBlocks); // the old partial last block (now full) and the 7 new ones (the last partial)

        var shrunk = grown.AsSpan(0, (Block * 5) + 17).ToArray();
        h.WriteSource(shrunk);
        var shrink = await h.RunAsync(2, final: true);
        h.AssertTargetEqualsSource();
        Assert.Equal(1, shrink.ChangedBlocks); // only the new partial last block
    }

    [Fact(Timeout = 30_000)]
    public async Task Replicate_ZeroLengthImage_ProducesAnEmptyTargetAndCanGrowLater()
    {
        using var h = new ReplicationHarness(Block);
        h.WriteSource([]);
        File.WriteAllBytes(h.Target, TestImages.Create(Block * 3, 5)); // stale content must go

        var full = await h.RunAsync(0);
        Assert.Equal(0, full.BytesScanned);
        Assert.Equal(0, new FileInfo(h.Target).Length);

        h.WriteSource(TestImages.Create(Block + 1, 6));
        await h.RunAsync(1);
        h.AssertTargetEqualsSource();
    }

    [Fact(Timeout = 30_000)]
    public async Task Full_RepeatedAndZeroBlocks_SentAsReferencesAndZeroFramesNotPayload()
    {
        using var h = new ReplicationHarness(Block, BlockCompression.None);
        var unique = TestImages.Create(Block, 21);
        new Random(22).NextBytes(unique);
        var image = new byte[Block * 40];
        for (var i = 0; i < 20; i++)
        {
            unique.CopyTo(image, i * Block); // blocks 0..19 identical; 20..39 zero
        }

        h.WriteSource(image);
        var full = await h.RunAsync(0);

        h.AssertTargetEqualsSource();
        var sent = h.Service.LastTransfer!.Sender;
        Assert.Equal(1, sent.RawFrames);
        Assert.Equal(19, sent.ReferenceFrames);
        Assert.Equal(20, sent.ZeroFrames);
        Assert.True(full.BytesSent < Block + (40 * 40), $"sent {full.BytesSent} bytes");
    }

    [Fact(Timeout = 30_000)]
    public async Task Delta_BlockCopiedFromAnUnchangedBlock_SentAsAReference()
    {
        using var h = new ReplicationHarness(Block, BlockCompression.None);
        var image = new byte[Block * 16];
        new Random(31).NextBytes(image);
        h.WriteSource(image);
        await h.RunAsync(0);

        Array.Copy(image, 2 * Block, image, 12 * Block, Block); // block 12 now holds block 2's bytes
        h.WriteSource(image);
        var delta = await h.RunAsync(1);

        h.AssertTargetEqualsSource();
        Assert.Equal(1, h.Service.LastTransfer!.Sender.ReferenceFrames);
        Assert.Equal(0, h.Service.LastTransfer.Sender.RawFrames);
        Assert.True(delta.BytesSent < 200, $"a reference cost {delta.BytesSent} bytes");
    }

    [Fact(Timeout = 30_000)]
    public async Task Full_CompressibleImage_SendsFarFewerBytesThanItsSize()
    {
        using var h = new ReplicationHarness(Block, BlockCompression.Brotli);
        var image = new byte[Block * 64];
        for (var i = 0; i < image.Length; i++)
        {
            image[i] = (byte)"2025-01-01 INFO request served in 12 ms\n"[i % 40];
        }

        image[5] = 1; // not all blocks identical to each other
        h.WriteSource(image);
        var full = await h.RunAsync(0);

        h.AssertTargetEqualsSource();
        Assert.True(h.Service.LastTransfer!.Sender.CompressedFrames >= 1);
        Assert.True(full.BytesSent < image.Length / 10, $"sent {full.BytesSent} of {image.Length} bytes");
    }

    [Fact(Timeout = 30_000)]
    public async Task Delta_TransferCutMidStreamThenResumed_SendsEveryChangedBlockExactlyOnceOverall()
    {
        using var h = new ReplicationHarness(Block, BlockCompression.None);
        var image = new byte[Block * 100];
        new Random(41).NextBytes(image);
        h.WriteSource(image);
        await h.RunAsync(0);

        var random = new Random(42);
        var changedBlocks = Enumerable.Range(0, 100).Where(_ => random.Next(3) == 0).ToList();
        foreach (var b in changedBlocks)
        {
            random.NextBytes(image.AsSpan(b * Block, Block));
        }

        h.WriteSource(image);
        h.Service.WireWrapper = wire => new CutStream(wire, CutAfterFrames(h, 14)); // 14 whole frames and half of the 15th get through
        await Assert.ThrowsAsync<IOException>(() => h.RunAsync(1));
        Assert.False(File.Exists(Path.Combine(h.StateOf(h.MigrationId), "cycle-000001.manifest")));

        h.Service.WireWrapper = null;
        var resumed = await h.RunAsync(1);

        h.AssertTargetEqualsSource();
        var report = h.Service.LastTransfer!;
        Assert.Equal(14, report.ResumedBlocks);
        Assert.Equal(changedBlocks.Count, resumed.ChangedBlocks);
        Assert.Equal(changedBlocks.Skip(14), report.Sender.SentBlocks);
    }

    [Fact(Timeout = 30_000)]
    public async Task Full_TransferCutTwice_ResumesEachTimeAndCompletes()
    {
        using var h = new ReplicationHarness(Block, BlockCompression.None);
        var image = new byte[Block * 60];
        new Random(51).NextBytes(image);
        h.WriteSource(image);

        foreach (var frames in new[] { 10, 20 })
        {
            h.Service.WireWrapper = wire => new CutStream(wire, CutAfterFrames(h, frames));
            await Assert.ThrowsAsync<IOException>(() => h.RunAsync(0));
        }

        h.Service.WireWrapper = null;
        await h.RunAsync(0);

        h.AssertTargetEqualsSource();
        var report = h.Service.LastTransfer!;
        Assert.Equal(30, report.ResumedBlocks);              // 10 + 20 landed in the two cut attempts
        Assert.Equal(Enumerable.Range(30, 30), report.Sender.SentBlocks);
    }

    /// <summary>Wire bytes for the header plus <paramref name="frames"/> whole raw frames and half of the next.</summary>
    private static long CutAfterFrames(ReplicationHarness h, int frames)
    {
        const int rawFrame = 21 + 4 + Block;
        var header = 26 + h.MigrationId.Length;
        return header + ((long)frames * rawFrame) + (rawFrame / 2);
    }

    [Fact(Timeout = 30_000)]
    public async Task Replicate_FinishedCycleRunAgain_IsANoOpReturningTheSameResult()
    {
        using var h = new ReplicationHarness(Block);
        var image = TestImages.Create(Block * 30, 61);
        h.WriteSource(image);
        await h.RunAsync(0);
        image[100] ^= 1;
        h.WriteSource(image);
        var first = await h.RunAsync(1);
        var targetWritten = File.GetLastWriteTimeUtc(h.Target);

        image[5000] ^= 1; // even if the source moved on, cycle 1 is done
        h.WriteSource(image);
        var again = await h.RunAsync(1);

        Assert.Equal(first, again);
        Assert.Null(h.Service.LastTransfer);
        Assert.Equal(targetWritten, File.GetLastWriteTimeUtc(h.Target));
    }

    [Fact(Timeout = 30_000)]
    public async Task Replicate_PreviousManifestCorrupted_FailsNamingTheFileAndTheChecksum()
    {
        using var h = new ReplicationHarness(Block);
        h.WriteSource(TestImages.Create(Block * 30, 71));
        await h.RunAsync(0);
        var manifest = Path.Combine(h.StateOf(h.MigrationId), "cycle-000000.manifest");
        var bytes = File.ReadAllBytes(manifest);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(manifest, bytes);

        var ex = await Assert.ThrowsAsync<ManifestCorruptException>(() => h.RunAsync(1));

        Assert.Contains(manifest, ex.Message, StringComparison.Ordinal);
        Assert.Contains("checksum mismatch", ex.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Replicate_DeltaBeforeItsPreviousCycle_FailsNamingTheMissingCycle()
    {
        using var h = new ReplicationHarness(Block);
        h.WriteSource(TestImages.Create(Block * 4, 81));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => h.RunAsync(2));

        Assert.Contains("needs cycle 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task FinalCycle_TargetChangedBehindOurBack_FailsVerification()
    {
        using var h = new ReplicationHarness(Block);
        h.WriteSource(TestImages.Create(Block * 30, 91));
        await h.RunAsync(0);
        using (var target = File.OpenWrite(h.Target))
        {
            target.Position = Block * 7;
            target.Write(new byte[] { 1, 2, 3 });
        }

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => h.RunAsync(1, final: true));

        Assert.Contains("block 7", ex.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Stop_RemovesTheMigrationsStateAndAbsentIsFine()
    {
        using var h = new ReplicationHarness(Block);
        h.WriteSource(TestImages.Create(Block * 4, 101));
        await h.RunAsync(0);

        await h.Service.StopAsync(h.MigrationId, TestContext.Current.CancellationToken);
        await h.Service.StopAsync(h.MigrationId, TestContext.Current.CancellationToken);

        Assert.False(Directory.Exists(h.StateOf(h.MigrationId)));
    }

    [Fact(Timeout = 30_000)]
    public async Task Replicate_LagIsFromReadStartToApplied()
    {
        var time = new SteppingTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromSeconds(1));
        using var h = new ReplicationHarness(Block, time: time);
        h.WriteSource(TestImages.Create(Block * 4, 111));

        var full = await h.RunAsync(0);

        Assert.Equal(TimeSpan.FromSeconds(1), full.Lag); // read start and applied are consecutive clock reads
    }

    [Theory(Timeout = 30_000)]
    [InlineData("", "MigrationId")]
    [InlineData("../escape", "MigrationId")]
    [InlineData("ok", "SourceDisk")]
    public async Task Replicate_BadRequest_NamesTheField(string migrationId, string field)
    {
        using var h = new ReplicationHarness(Block);
        var request = new ReplicationRequest(migrationId, Path.Combine(h.Root, "missing.img"), h.Target, 0, false);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => h.Service.ReplicateAsync(request, TestContext.Current.CancellationToken));

        Assert.Contains(field, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_BlockSizeNotAMultipleOf4K_FailsNamingTheSetting()
    {
        var options = new ReplicationOptions { StateDirectory = "/tmp/x", BlockSize = 5000 };

        var ex = Assert.Throws<ArgumentException>(() => options.Validate());

        Assert.Contains("Replication:BlockSize", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BlockMath_LastBlockIsShort()
    {
        Assert.Equal(3, BlockMath.BlockCount((Block * 2) + 1, Block));
        Assert.Equal(1, BlockMath.BlockLength((Block * 2) + 1, Block, 2));
        Assert.Equal(0, BlockMath.BlockCount(0, Block));
    }
}
