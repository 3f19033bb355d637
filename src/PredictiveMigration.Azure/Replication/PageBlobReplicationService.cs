using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using PredictiveMigration.Domain.Migrations;

namespace PredictiveMigration.Azure.Replication;

/// <summary>
/// <see cref="IReplicationService"/> over page blobs, the storage under Azure managed disks. Each cycle snapshots the
/// source page blob, asks the service for the page ranges that differ from the previous cycle's snapshot
/// (<c>Get Page Ranges Diff</c>; cycle 0 takes the snapshot's valid ranges), and copies only those ranges to the
/// target page blob (ranges that became clear, or whose bytes are all zero, are cleared rather than sent). Disks
/// are named <c>container/blob</c> in the account of the <see cref="BlobServiceClient"/>.
/// <para>Resume: a state blob per (migration, cycle) records the snapshot and the offset below which every changed
/// range has landed; it is updated after each write, so a crash resumes from there with the same snapshot. The
/// completed record is the cycle's result: asking for a finished cycle again returns it and touches nothing.</para>
/// <para>Lag: from the source snapshot (the target's recovery point) to the last range written.</para>
/// <para>Where the service cannot diff (Azurite: set <see cref="PageBlobReplicationOptions.Diff"/> to
/// <see cref="PageRangeDiff.CompareSnapshots"/>; or a 501 answer with
/// <see cref="PageBlobReplicationOptions.CompareWhenDiffUnsupported"/> on), the two snapshots are compared by content
/// instead: more reads, the same writes.</para>
/// </summary>
public sealed partial class PageBlobReplicationService : IReplicationService
{
    private const int Page = 512;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly BlobServiceClient _blobs;
    private readonly PageBlobReplicationOptions _options;
    private readonly TimeProvider _time;

    public PageBlobReplicationService(BlobServiceClient blobs, PageBlobReplicationOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _blobs = blobs;
        _options = options.Validate();
        _time = timeProvider;
    }

    public async Task<ReplicationCycle> ReplicateAsync(ReplicationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateMigrationId(request.MigrationId);
        if (request.Cycle < 0)
        {
            throw new ArgumentException($"ReplicationRequest.Cycle must be 0 or more (was {request.Cycle}).", nameof(request));
        }

        var source = PageBlob(request.SourceDisk, "SourceDisk");
        var target = PageBlob(request.TargetDisk, "TargetDisk");
        var state = _blobs.GetBlobContainerClient(_options.StateContainer);
        await state.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);

        var record = await ReadRecordAsync(state, request.MigrationId, request.Cycle, cancellationToken).ConfigureAwait(false);
        if (record is { Completed: true })
        {
            return ToCycle(record);
        }

        var started = _time.GetTimestamp();
        if (record is null)
        {
            PageBlobCycleRecord? previous = null;
            if (request.Cycle > 0)
            {
                previous = await ReadRecordAsync(state, request.MigrationId, request.Cycle - 1, cancellationToken).ConfigureAwait(false);
                if (previous is not { Completed: true })
                {
                    throw new InvalidOperationException($"Cycle {request.Cycle} of migration '{request.MigrationId}' needs cycle {request.Cycle - 1} to have completed first.");
                }
            }

            var readStart = _time.GetUtcNow();
            var metadata = new Dictionary<string, string> { ["pmmigration"] = request.MigrationId, ["pmcycle"] = request.Cycle.ToString(CultureInfo.InvariantCulture) };
            var snapshot = (await source.CreateSnapshotAsync(metadata, cancellationToken: cancellationToken).ConfigureAwait(false)).Value.Snapshot;
            var length = (await source.WithSnapshot(snapshot).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value.ContentLength;
            if (request.Cycle == 0)
            {
                // The full copy starts from an empty target: nothing stale survives outside the ranges copied.
                await target.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken).ConfigureAwait(false);
                await target.CreateAsync(length, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            record = new PageBlobCycleRecord
            {
                MigrationId = request.MigrationId,
                Cycle = request.Cycle,
                Source = request.SourceDisk,
                Snapshot = snapshot,
                PreviousSnapshot = previous?.Snapshot,
                PreviousLength = previous?.SourceLength ?? 0,
                SourceLength = length,
                ReadStartedAt = readStart,
            };
            await SaveRecordAsync(state, record, cancellationToken).ConfigureAwait(false);
        }

        await EnsureTargetLengthAsync(target, record, cancellationToken).ConfigureAwait(false);
        var snap = source.WithSnapshot(record.Snapshot);
        var (ranges, diffMode, compared) = await ChangedRangesAsync(source, record, cancellationToken).ConfigureAwait(false);
        record = record with { DiffMode = diffMode, BytesScanned = record.BytesScanned + compared };

        var buffer = ArrayPool<byte>.Shared.Rent(_options.MaxWriteBytes);
        try
        {
            foreach (var range in ranges.Where(r => r.Offset >= record.CopiedUpTo))
            {
                var httpRange = new HttpRange(range.Offset, range.Length);
                long sent = 0;
                if (range.Clear)
                {
                    await target.ClearPagesAsync(httpRange, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await DownloadAsync(snap, range.Offset, buffer.AsMemory(0, (int)range.Length), cancellationToken).ConfigureAwait(false);
                    if (buffer.AsSpan(0, (int)range.Length).ContainsAnyExcept((byte)0))
                    {
                        using var body = new MemoryStream(buffer, 0, (int)range.Length, writable: false);
                        await target.UploadPagesAsync(body, range.Offset, cancellationToken: cancellationToken).ConfigureAwait(false);
                        sent = range.Length;
                    }
                    else
                    {
                        await target.ClearPagesAsync(httpRange, cancellationToken: cancellationToken).ConfigureAwait(false);
                    }
                }

                record = record with
                {
                    CopiedUpTo = range.Offset + range.Length,
                    BytesSent = record.BytesSent + sent,
                    BytesScanned = record.BytesScanned + (range.Clear ? 0 : range.Length),
                    ChangedRanges = record.ChangedRanges + 1,
                };
                await SaveRecordAsync(state, record, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        var appliedAt = _time.GetUtcNow();
        record = record with { Completed = true, Lag = appliedAt - record.ReadStartedAt, Duration = _time.GetElapsedTime(started) };
        await SaveRecordAsync(state, record, cancellationToken).ConfigureAwait(false);
        if (record.PreviousSnapshot is { } old)
        {
            // The new snapshot is the next cycle's base; the old one is no longer needed.
            await source.WithSnapshot(old).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return ToCycle(record);
    }

    public async Task StopAsync(string migrationId, CancellationToken cancellationToken)
    {
        ValidateMigrationId(migrationId);
        var state = _blobs.GetBlobContainerClient(_options.StateContainer);
        if (!(await state.ExistsAsync(cancellationToken).ConfigureAwait(false)).Value)
        {
            return;
        }

        await foreach (var item in state.GetBlobsAsync(BlobTraits.None, BlobStates.None, migrationId + "/", cancellationToken).ConfigureAwait(false))
        {
            var blob = state.GetBlobClient(item.Name);
            var content = await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            var record = content.Value.Content.ToObjectFromJson<PageBlobCycleRecord>(Json);
            if (record is not null)
            {
                var source = PageBlob(record.Source, "SourceDisk");
                await source.WithSnapshot(record.Snapshot).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Changed ranges at or after the record's checkpoint, in offset order, each at most MaxWriteBytes.</summary>
    private async Task<(List<CopyRange> Ranges, string Mode, long BytesCompared)> ChangedRangesAsync(PageBlobClient source, PageBlobCycleRecord record, CancellationToken cancellationToken)
    {
        var snap = source.WithSnapshot(record.Snapshot);
        var raw = new List<CopyRange>();
        if (record.PreviousSnapshot is null)
        {
            await foreach (var item in snap.GetAllPageRangesAsync(new GetPageRangesOptions(), cancellationToken).ConfigureAwait(false))
            {
                if (!item.IsClear)
                {
                    raw.Add(new CopyRange(item.Range.Offset, item.Range.Length ?? 0, false));
                }
            }

            return (Split(raw), "full", 0);
        }

        if (_options.Diff == PageRangeDiff.CompareSnapshots)
        {
            var (compared, bytes) = await CompareSnapshotsAsync(source, record, cancellationToken).ConfigureAwait(false);
            return (Split(compared), "compare", bytes);
        }

        try
        {
            var options = new GetPageRangesDiffOptions { Snapshot = record.Snapshot, PreviousSnapshot = record.PreviousSnapshot };
            await foreach (var item in source.GetAllPageRangesDiffAsync(options, cancellationToken).ConfigureAwait(false))
            {
                raw.Add(new CopyRange(item.Range.Offset, item.Range.Length ?? 0, item.IsClear));
            }

            return (Split(raw), "service", 0);
        }
        catch (RequestFailedException ex) when (ex.Status == 501 && _options.CompareWhenDiffUnsupported)
        {
            var (ranges, compared) = await CompareSnapshotsAsync(source, record, cancellationToken).ConfigureAwait(false);
            return (Split(ranges), "compare", compared);
        }
    }

    /// <summary>The fallback: read both snapshots where either has valid pages and keep the blocks that differ.</summary>
    private async Task<(List<CopyRange> Ranges, long BytesCompared)> CompareSnapshotsAsync(PageBlobClient source, PageBlobCycleRecord record, CancellationToken cancellationToken)
    {
        var now = source.WithSnapshot(record.Snapshot);
        var before = source.WithSnapshot(record.PreviousSnapshot!);
        var valid = new List<(long Start, long End)>();
        foreach (var blob in new[] { now, before })
        {
            await foreach (var item in blob.GetAllPageRangesAsync(new GetPageRangesOptions(), cancellationToken).ConfigureAwait(false))
            {
                if (!item.IsClear)
                {
                    valid.Add((item.Range.Offset, item.Range.Offset + (item.Range.Length ?? 0)));
                }
            }
        }

        var window = _options.MaxWriteBytes;
        var block = _options.CompareBlockBytes;
        var a = ArrayPool<byte>.Shared.Rent(window);
        var b = ArrayPool<byte>.Shared.Rent(window);
        var changed = new List<CopyRange>();
        long compared = 0;
        try
        {
            for (long offset = 0; offset < record.SourceLength; offset += window)
            {
                var n = (int)Math.Min(window, record.SourceLength - offset);
                if (!valid.Any(v => v.Start < offset + n && v.End > offset))
                {
                    continue;
                }

                await DownloadAsync(now, offset, a.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                var old = (int)Math.Clamp(record.PreviousLength - offset, 0, n);
                if (old > 0)
                {
                    await DownloadAsync(before, offset, b.AsMemory(0, old), cancellationToken).ConfigureAwait(false);
                }

                b.AsSpan(old, n - old).Clear();
                compared += n + old;
                for (var at = 0; at < n; at += block)
                {
                    var len = Math.Min(block, n - at);
                    if (!a.AsSpan(at, len).SequenceEqual(b.AsSpan(at, len)))
                    {
                        changed.Add(new CopyRange(offset + at, len, false));
                    }
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(a);
            ArrayPool<byte>.Shared.Return(b);
        }

        return (changed, compared);
    }

    /// <summary>Sorts, merges adjacent ranges of the same kind, and splits them at MaxWriteBytes.</summary>
    private List<CopyRange> Split(List<CopyRange> ranges)
    {
        var merged = new List<CopyRange>();
        foreach (var r in ranges.Where(r => r.Length > 0).OrderBy(r => r.Offset))
        {
            if (merged.Count > 0 && merged[^1] is var last && last.Clear == r.Clear && last.Offset + last.Length == r.Offset)
            {
                merged[^1] = last with { Length = last.Length + r.Length };
            }
            else
            {
                merged.Add(r);
            }
        }

        var result = new List<CopyRange>();
        foreach (var r in merged)
        {
            var step = r.Clear ? long.MaxValue : _options.MaxWriteBytes;
            for (long at = 0; at < r.Length; at += step)
            {
                result.Add(new CopyRange(r.Offset + at, Math.Min(step, r.Length - at), r.Clear));
            }
        }

        return result;
    }

    private static async Task EnsureTargetLengthAsync(PageBlobClient target, PageBlobCycleRecord record, CancellationToken cancellationToken)
    {
        try
        {
            var length = (await target.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value.ContentLength;
            if (length != record.SourceLength)
            {
                await target.ResizeAsync(record.SourceLength, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            if (record.Cycle > 0)
            {
                throw new InvalidOperationException($"The target of migration '{record.MigrationId}' disappeared before cycle {record.Cycle}; stop its replication and start again from cycle 0.", ex);
            }

            await target.CreateAsync(record.SourceLength, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task DownloadAsync(PageBlobClient blob, long offset, Memory<byte> into, CancellationToken cancellationToken)
    {
        var response = await blob.DownloadStreamingAsync(new BlobDownloadOptions { Range = new HttpRange(offset, into.Length) }, cancellationToken).ConfigureAwait(false);
        await using var stream = response.Value.Content;
        await stream.ReadExactlyAsync(into, cancellationToken).ConfigureAwait(false);
    }

    private static ReplicationCycle ToCycle(PageBlobCycleRecord r) =>
        new(r.MigrationId, r.Cycle, r.Cycle == 0, r.BytesScanned, r.BytesSent, r.ChangedRanges, r.Lag, r.Duration);

    private static string RecordName(string migrationId, int cycle) => $"{migrationId}/cycle-{cycle:D6}.json";

    private static async Task<PageBlobCycleRecord?> ReadRecordAsync(BlobContainerClient state, string migrationId, int cycle, CancellationToken cancellationToken)
    {
        try
        {
            var content = await state.GetBlobClient(RecordName(migrationId, cycle)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return content.Value.Content.ToObjectFromJson<PageBlobCycleRecord>(Json)
                ?? throw new InvalidDataException($"replication state '{RecordName(migrationId, cycle)}' is empty");
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"replication state '{RecordName(migrationId, cycle)}' in container '{state.Name}' is not a valid cycle record: {ex.Message}", ex);
        }
    }

    /// <inheritdoc />
    public async Task DeleteTargetAsync(string targetDisk, CancellationToken cancellationToken) =>
        await PageBlob(targetDisk, nameof(ReplicationRequest.TargetDisk))
            .DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken).ConfigureAwait(false);

    private static Task SaveRecordAsync(BlobContainerClient state, PageBlobCycleRecord record, CancellationToken cancellationToken) =>
        state.GetBlobClient(RecordName(record.MigrationId, record.Cycle)).UploadAsync(BinaryData.FromObjectAsJson(record, Json), overwrite: true, cancellationToken);

    private PageBlobClient PageBlob(string disk, string field)
    {
        var slash = string.IsNullOrWhiteSpace(disk) ? -1 : disk.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == disk.Length - 1)
        {
            throw new ArgumentException($"ReplicationRequest.{field} must be 'container/blob' (was '{disk}').", nameof(disk));
        }

        return _blobs.GetBlobContainerClient(disk[..slash]).GetPageBlobClient(disk[(slash + 1)..]);
    }

    private static void ValidateMigrationId(string migrationId)
    {
        if (string.IsNullOrEmpty(migrationId) || !SafeId().IsMatch(migrationId))
        {
            throw new ArgumentException($"ReplicationRequest.MigrationId must be 1-128 letters, digits, '.', '_' or '-' starting with a letter or digit (was '{migrationId}').", nameof(migrationId));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeId();

    private sealed record CopyRange(long Offset, long Length, bool Clear);
}
