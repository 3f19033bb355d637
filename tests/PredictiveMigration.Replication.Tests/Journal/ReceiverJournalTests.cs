using PredictiveMigration.Replication.Blocks;
using PredictiveMigration.Replication.Journal;

namespace PredictiveMigration.Replication.Tests.Journal;

public sealed class ReceiverJournalTests : IDisposable
{
    private const int Block = 4096;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "pm-journal-test-" + Guid.NewGuid().ToString("N"));

    public ReceiverJournalTests() => Directory.CreateDirectory(_dir);

    [Fact]
    public void Open_TornLastRecord_IsDroppedAndTheRestKept()
    {
        var (target, hashes) = Target(4);
        var path = Path.Combine(_dir, "j");
        using (var handle = File.OpenHandle(target))
        using (var journal = ReceiverJournal.Open(path, handle, Block))
        {
            journal.RecordLength(Block * 4);
            journal.RecordApplied(0, hashes[0]);
            journal.RecordApplied(1, hashes[1]);
            journal.MarkDurable();
        }

        File.AppendAllText(path, "torn-rec"); // a record cut short by a crash

        using (var handle = File.OpenHandle(target))
        using (var journal = ReceiverJournal.Open(path, handle, Block))
        {
            Assert.Equal([0, 1], journal.Applied.Keys.Order());
        }

        Assert.Equal(0, new FileInfo(path).Length % 25);
    }

    [Fact]
    public void Open_RecordAfterTheDurableMarkWhoseBytesDidNotLand_IsNotTrusted()
    {
        var (target, hashes) = Target(4);
        var path = Path.Combine(_dir, "j2");
        using (var handle = File.OpenHandle(target))
        using (var journal = ReceiverJournal.Open(path, handle, Block))
        {
            journal.RecordApplied(0, hashes[0]);
            journal.MarkDurable();
            journal.RecordApplied(1, hashes[1]);
            journal.RecordApplied(2, hashes[2] + 1); // claims bytes the target does not hold
        }

        using (var handle = File.OpenHandle(target))
        using (var journal = ReceiverJournal.Open(path, handle, Block))
        {
            Assert.Equal([0, 1], journal.Applied.Keys.Order());
        }
    }

    [Fact]
    public void Open_ShrinkAfterBlocksWereApplied_ForgetsTheBlocksItCut()
    {
        var (target, hashes) = Target(4);
        var path = Path.Combine(_dir, "j3");
        using (var handle = File.OpenHandle(target))
        using (var journal = ReceiverJournal.Open(path, handle, Block))
        {
            journal.RecordApplied(1, hashes[1]);
            journal.RecordApplied(3, hashes[3]);
            journal.MarkDurable();
            journal.RecordLength((Block * 2) + 10);
            journal.MarkDurable();
        }

        using (var handle = File.OpenHandle(target))
        using (var journal = ReceiverJournal.Open(path, handle, Block))
        {
            Assert.Equal([1], journal.Applied.Keys);
            Assert.Equal((Block * 2) + 10, journal.MinLengthSet);
        }
    }

    private (string Path, UInt128[] Hashes) Target(int blocks)
    {
        var path = Path.Combine(_dir, "target-" + Guid.NewGuid().ToString("N"));
        var data = TestImages.Create(blocks * Block, 5);
        File.WriteAllBytes(path, data);
        var hashes = Enumerable.Range(0, blocks).Select(i => BlockMath.Hash(data.AsSpan(i * Block, Block))).ToArray();
        return (path, hashes);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
