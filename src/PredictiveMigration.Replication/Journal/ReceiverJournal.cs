using System.Buffers.Binary;
using System.IO.Hashing;
using Microsoft.Win32.SafeHandles;
using PredictiveMigration.Replication.Blocks;

namespace PredictiveMigration.Replication.Journal;

/// <summary>
/// The receiver's checkpoint for one (migration, cycle): an append-only file of fixed 25-byte records, each with its
/// own XxHash32 so a record torn by a crash is recognised and dropped. Records: a block applied (index, hash), the
/// target's length set (so blocks cut off by a shrink are no longer trusted), and a durable mark written after the
/// target was flushed to disk. On resume, blocks applied before the last durable mark are trusted; blocks after it
/// are re-hashed on the target and kept only if they match. The sender skips every trusted block whose hash is
/// unchanged, so a crash never causes a block that landed to be sent again.
/// </summary>
internal sealed class ReceiverJournal : IDisposable
{
    private const int RecordBytes = 25;
    private const byte AppliedKind = 1;
    private const byte DurableKind = 2;
    private const byte LengthKind = 3;

    private readonly FileStream _file;
    private readonly byte[] _record = new byte[RecordBytes];

    private ReceiverJournal(FileStream file, Dictionary<int, UInt128> applied, long? minLength)
    {
        _file = file;
        Applied = applied;
        MinLengthSet = minLength;
    }

    /// <summary>Blocks the target is known to hold from earlier attempts of this cycle (index → hash).</summary>
    public IReadOnlyDictionary<int, UInt128> Applied { get; }

    /// <summary>The smallest target length any attempt of this cycle set, or null when none did.</summary>
    public long? MinLengthSet { get; private set; }

    /// <summary>Records applied in this attempt.</summary>
    public int AppliedThisAttempt { get; private set; }

    /// <summary>Opens (or creates) the journal, reading and verifying what earlier attempts recorded.</summary>
    public static ReceiverJournal Open(string path, SafeFileHandle target, int blockSize)
    {
        var applied = new Dictionary<int, UInt128>();
        var unverified = new Dictionary<int, UInt128>();
        long? minLength = null;
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            var record = new byte[RecordBytes];
            long good = 0;
            while (file.Length - good >= RecordBytes)
            {
                file.Position = good;
                file.ReadExactly(record);
                if (BinaryPrimitives.ReadUInt32LittleEndian(record.AsSpan(21)) != XxHash32.HashToUInt32(record.AsSpan(0, 21)))
                {
                    break; // torn tail: everything after it is untrusted
                }

                var index = BinaryPrimitives.ReadInt32LittleEndian(record.AsSpan(1));
                var value = BinaryPrimitives.ReadUInt128LittleEndian(record.AsSpan(5));
                switch (record[0])
                {
                    case AppliedKind:
                        unverified[index] = value;
                        break;
                    case DurableKind:
                        foreach (var (i, h) in unverified)
                        {
                            applied[i] = h;
                        }

                        unverified.Clear();
                        break;
                    case LengthKind:
                        // Blocks recorded before a shrink no longer exist as they were; later records re-apply them.
                        var cut = (long)value;
                        minLength = Math.Min(minLength ?? long.MaxValue, cut);
                        RemoveBeyond(applied, cut, blockSize);
                        RemoveBeyond(unverified, cut, blockSize);
                        break;
                    default:
                        break;
                }

                good += RecordBytes;
            }

            file.SetLength(good);
            file.Position = good;

            // Blocks applied after the last durable mark may not have reached the disk: keep the ones whose bytes match.
            var targetLength = RandomAccess.GetLength(target);
            var buffer = new byte[blockSize];
            foreach (var (i, h) in unverified)
            {
                var start = (long)i * blockSize;
                var length = (int)Math.Min(blockSize, targetLength - start);
                if (length > 0 && RandomAccess.Read(target, buffer.AsSpan(0, length), start) == length && BlockMath.Hash(buffer.AsSpan(0, length)) == h)
                {
                    applied[i] = h;
                }
                else
                {
                    applied.Remove(i);
                }
            }

            return new ReceiverJournal(file, applied, minLength);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private static void RemoveBeyond(Dictionary<int, UInt128> blocks, long length, int blockSize)
    {
        foreach (var i in blocks.Keys.Where(i => (long)(i + 1) * blockSize > length).ToList())
        {
            blocks.Remove(i);
        }
    }

    public void RecordLength(long length)
    {
        Write(LengthKind, 0, (UInt128)(ulong)length);
        MinLengthSet = Math.Min(MinLengthSet ?? long.MaxValue, length);
    }

    public void RecordApplied(int index, UInt128 hash)
    {
        Write(AppliedKind, index, hash);
        AppliedThisAttempt++;
    }

    /// <summary>Call after the target was flushed to disk: everything recorded so far is durable.</summary>
    public void MarkDurable()
    {
        Write(DurableKind, 0, 0);
        _file.Flush(flushToDisk: true);
    }

    private void Write(byte kind, int index, UInt128 value)
    {
        _record[0] = kind;
        BinaryPrimitives.WriteInt32LittleEndian(_record.AsSpan(1), index);
        BinaryPrimitives.WriteUInt128LittleEndian(_record.AsSpan(5), value);
        BinaryPrimitives.WriteUInt32LittleEndian(_record.AsSpan(21), XxHash32.HashToUInt32(_record.AsSpan(0, 21)));

        // Unbuffered: a killed process loses no record the OS already has (durability against power loss is MarkDurable's job).
        _file.Write(_record);
        _file.Flush(flushToDisk: false);
    }

    public void Dispose() => _file.Dispose();
}
