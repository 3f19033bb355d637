using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using PredictiveMigration.Domain.Migrations;

namespace PredictiveMigration.Replication.Manifests;

/// <summary>
/// Reads and writes manifests: a little-endian binary file (layout in docs/replication.md) that starts with the magic
/// <c>PMRM</c> and a format version and ends with an XxHash3 checksum of everything before it. Writes go to a temporary
/// file that is flushed to disk and renamed over the final name, so a manifest is either whole or absent: the rename is
/// the cycle's commit point.
/// </summary>
internal static class ManifestStore
{
    public const ushort FormatVersion = 1;
    private static ReadOnlySpan<byte> Magic => "PMRM"u8;
    private const int FixedHeaderBytes = 4 + 2 + 2 + 4 + 4 + 8 + 4 + 8 + 1 + 8 + 8 + 4 + 8 + 8 + 2;

    public static void Write(string path, Manifest manifest)
    {
        var id = Encoding.UTF8.GetBytes(manifest.MigrationId);
        var total = FixedHeaderBytes + id.Length + (manifest.Hashes.Length * 16) + 8;
        var buffer = new byte[total];
        var s = buffer.AsSpan();
        Magic.CopyTo(s);
        var p = 4;
        BinaryPrimitives.WriteUInt16LittleEndian(s[p..], FormatVersion); p += 2;
        BinaryPrimitives.WriteUInt16LittleEndian(s[p..], 0); p += 2;
        BinaryPrimitives.WriteInt32LittleEndian(s[p..], manifest.Cycle); p += 4;
        BinaryPrimitives.WriteInt32LittleEndian(s[p..], manifest.BlockSize); p += 4;
        BinaryPrimitives.WriteInt64LittleEndian(s[p..], manifest.ImageLength); p += 8;
        BinaryPrimitives.WriteInt32LittleEndian(s[p..], manifest.Hashes.Length); p += 4;
        BinaryPrimitives.WriteInt64LittleEndian(s[p..], manifest.ReadStartedAt.UtcTicks); p += 8;
        var r = manifest.Result;
        s[p++] = r.Full ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteInt64LittleEndian(s[p..], r.BytesScanned); p += 8;
        BinaryPrimitives.WriteInt64LittleEndian(s[p..], r.BytesSent); p += 8;
        BinaryPrimitives.WriteInt32LittleEndian(s[p..], r.ChangedBlocks); p += 4;
        BinaryPrimitives.WriteInt64LittleEndian(s[p..], r.Lag.Ticks); p += 8;
        BinaryPrimitives.WriteInt64LittleEndian(s[p..], r.Duration.Ticks); p += 8;
        BinaryPrimitives.WriteUInt16LittleEndian(s[p..], checked((ushort)id.Length)); p += 2;
        id.CopyTo(s[p..]); p += id.Length;
        foreach (var h in manifest.Hashes)
        {
            BinaryPrimitives.WriteUInt128LittleEndian(s[p..], h);
            p += 16;
        }

        BinaryPrimitives.WriteUInt64LittleEndian(s[p..], XxHash3.HashToUInt64(s[..p]));

        var temp = path + ".tmp";
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(buffer);
            file.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Loads a manifest, or null when the file does not exist. Throws <see cref="ManifestCorruptException"/> on any failed check.</summary>
    public static Manifest? TryRead(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var data = File.ReadAllBytes(path);
        var s = data.AsSpan();
        if (s.Length < FixedHeaderBytes + 8)
        {
            throw new ManifestCorruptException(path, $"too short ({s.Length} bytes)");
        }

        if (!s[..4].SequenceEqual(Magic))
        {
            throw new ManifestCorruptException(path, "not a manifest (bad magic)");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(s[4..]);
        if (version != FormatVersion)
        {
            throw new ManifestCorruptException(path, $"format version {version} is not supported (this build reads version {FormatVersion})");
        }

        var stored = BinaryPrimitives.ReadUInt64LittleEndian(s[^8..]);
        var computed = XxHash3.HashToUInt64(s[..^8]);
        if (stored != computed)
        {
            throw new ManifestCorruptException(path, $"checksum mismatch (stored {stored:x16}, computed {computed:x16})");
        }

        var p = 8;
        var cycle = BinaryPrimitives.ReadInt32LittleEndian(s[p..]); p += 4;
        var blockSize = BinaryPrimitives.ReadInt32LittleEndian(s[p..]); p += 4;
        var imageLength = BinaryPrimitives.ReadInt64LittleEndian(s[p..]); p += 8;
        var count = BinaryPrimitives.ReadInt32LittleEndian(s[p..]); p += 4;
        var readStarted = new DateTimeOffset(BinaryPrimitives.ReadInt64LittleEndian(s[p..]), TimeSpan.Zero); p += 8;
        var full = s[p++] == 1;
        var scanned = BinaryPrimitives.ReadInt64LittleEndian(s[p..]); p += 8;
        var sent = BinaryPrimitives.ReadInt64LittleEndian(s[p..]); p += 8;
        var changed = BinaryPrimitives.ReadInt32LittleEndian(s[p..]); p += 4;
        var lag = TimeSpan.FromTicks(BinaryPrimitives.ReadInt64LittleEndian(s[p..])); p += 8;
        var duration = TimeSpan.FromTicks(BinaryPrimitives.ReadInt64LittleEndian(s[p..])); p += 8;
        var idLength = BinaryPrimitives.ReadUInt16LittleEndian(s[p..]); p += 2;
        if (blockSize <= 0 || imageLength < 0 || count != (imageLength + blockSize - 1) / blockSize
            || s.Length != FixedHeaderBytes + idLength + (count * 16L) + 8)
        {
            throw new ManifestCorruptException(path, $"inconsistent header (block size {blockSize}, image {imageLength} bytes, {count} blocks, file {s.Length} bytes)");
        }

        var id = Encoding.UTF8.GetString(s.Slice(p, idLength)); p += idLength;
        var hashes = new UInt128[count];
        for (var i = 0; i < count; i++)
        {
            hashes[i] = BinaryPrimitives.ReadUInt128LittleEndian(s[p..]);
            p += 16;
        }

        var result = new ReplicationCycle(id, cycle, full, scanned, sent, changed, lag, duration);
        return new Manifest(id, cycle, blockSize, imageLength, hashes, result, readStarted);
    }
}
