using System.Buffers.Binary;
using Azure.Data.Tables;
using PredictiveMigration.Domain.Metrics;
using PredictiveMigration.Domain.Metrics.Rollups;

namespace PredictiveMigration.Azure.Metrics;

/// <summary>
/// A minute rollup as one table row. The statistics are packed into one binary property <c>Stats</c>
/// (version byte, a 16-bit mask of the kinds present, then per kind: count, sum, min, max, last, last-ticks;
/// 44 bytes a kind, little-endian): about 0.5 KB a row, against ~3 KB as 60 separate typed properties.
/// <c>Count</c>, <c>Minute</c>, <c>ServerId</c> and <c>Seqs</c> stay readable in any table browser.
/// </summary>
internal static class RollupEntityCodec
{
    private const byte StatsVersion = 1;
    private const int BytesPerKind = 4 + (8 * 5);

    public static TableEntity ToEntity(string partitionKey, string rowKey, MinuteRollup rollup)
    {
        var entity = new TableEntity(partitionKey, rowKey)
        {
            ["ServerId"] = rollup.ServerId,
            ["Minute"] = rollup.Minute,
            ["Count"] = rollup.EventCount,
            ["Seqs"] = rollup.Sequences.ToString(),
            ["Stats"] = EncodeStats(rollup),
        };
        if (rollup.CpuCores is { } cores)
        {
            entity["CpuCores"] = cores;
        }

        return entity;
    }

    public static MinuteRollup FromEntity(TableEntity entity)
    {
        var serverId = entity.GetString("ServerId") ?? throw new FormatException($"rollup row {entity.PartitionKey}/{entity.RowKey} has no ServerId");
        var minute = entity.GetDateTimeOffset("Minute") ?? throw new FormatException($"rollup row {entity.PartitionKey}/{entity.RowKey} has no Minute");
        var rollup = new MinuteRollup(serverId, minute);
        Span<MetricStats> stats = stackalloc MetricStats[MetricKinds.Count];
        DecodeStats(entity.GetBinary("Stats") ?? [], stats);
        rollup.Restore(entity.GetInt32("Count") ?? 0, SequenceSet.Parse(entity.GetString("Seqs")), entity.GetInt32("CpuCores"), stats);
        return rollup;
    }

    internal static byte[] EncodeStats(MinuteRollup rollup)
    {
        ushort mask = 0;
        var present = 0;
        for (var i = 0; i < MetricKinds.Count; i++)
        {
            if (rollup.Get((MetricKind)i).Count > 0)
            {
                mask |= (ushort)(1 << i);
                present++;
            }
        }

        var bytes = new byte[3 + (present * BytesPerKind)];
        bytes[0] = StatsVersion;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(1), mask);
        var offset = 3;
        for (var i = 0; i < MetricKinds.Count; i++)
        {
            var s = rollup.Get((MetricKind)i);
            if (s.Count == 0)
            {
                continue;
            }

            var span = bytes.AsSpan(offset, BytesPerKind);
            BinaryPrimitives.WriteInt32LittleEndian(span, s.Count);
            BinaryPrimitives.WriteDoubleLittleEndian(span[4..], s.Sum);
            BinaryPrimitives.WriteDoubleLittleEndian(span[12..], s.Min);
            BinaryPrimitives.WriteDoubleLittleEndian(span[20..], s.Max);
            BinaryPrimitives.WriteDoubleLittleEndian(span[28..], s.Last);
            BinaryPrimitives.WriteInt64LittleEndian(span[36..], s.LastTicks);
            offset += BytesPerKind;
        }

        return bytes;
    }

    internal static void DecodeStats(ReadOnlySpan<byte> bytes, Span<MetricStats> stats)
    {
        if (bytes.Length == 0)
        {
            return;
        }

        if (bytes.Length < 3 || bytes[0] != StatsVersion)
        {
            throw new FormatException($"unknown rollup stats encoding (version {(bytes.Length > 0 ? bytes[0] : -1)})");
        }

        var mask = BinaryPrimitives.ReadUInt16LittleEndian(bytes[1..]);
        var offset = 3;
        // Kinds this build doesn't know (written by a newer one) are skipped, not misread.
        for (var i = 0; i < 16; i++)
        {
            if ((mask & (1 << i)) == 0)
            {
                continue;
            }

            if (offset + BytesPerKind > bytes.Length)
            {
                throw new FormatException("rollup stats are truncated");
            }

            var span = bytes.Slice(offset, BytesPerKind);
            offset += BytesPerKind;
            if (i >= stats.Length)
            {
                continue;
            }

            stats[i] = new MetricStats
            {
                Count = BinaryPrimitives.ReadInt32LittleEndian(span),
                Sum = BinaryPrimitives.ReadDoubleLittleEndian(span[4..]),
                Min = BinaryPrimitives.ReadDoubleLittleEndian(span[12..]),
                Max = BinaryPrimitives.ReadDoubleLittleEndian(span[20..]),
                Last = BinaryPrimitives.ReadDoubleLittleEndian(span[28..]),
                LastTicks = BinaryPrimitives.ReadInt64LittleEndian(span[36..]),
            };
        }
    }
}
