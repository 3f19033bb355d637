using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PredictiveMigration.Agent.Configuration;
using PredictiveMigration.Domain.Metrics;

namespace PredictiveMigration.Agent.Spooling;

/// <summary>
/// Batches that could not be sent, one file per batch (the JSON array the HTTP sink posts), written atomically and
/// named so that ordinal order is oldest first. The total size is bounded: the oldest files are dropped first and
/// every dropped event is counted. A file that cannot be read is renamed to <c>*.bad</c> and skipped.
/// </summary>
public sealed class Spool : IDisposable
{
    /// <summary>Appended to a corrupt file's name when it is moved aside.</summary>
    public const string BadExtension = ".bad";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _prepareLock = new();
    private readonly string _directory;
    private readonly long _maxBytes;
    private readonly AgentCounters _counters;
    private readonly ILogger<Spool> _logger;
    private bool _prepared;

    public Spool(IOptions<AgentOptions> options, AgentCounters counters, ILogger<Spool> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _directory = options.Value.SpoolDirectory;
        _maxBytes = options.Value.MaxSpoolBytes;
        _counters = counters;
        _logger = logger;
    }

    public string DirectoryPath => _directory;

    /// <summary>The spooled batches, oldest first.</summary>
    /// <exception cref="IOException">The spool directory cannot be created or listed.</exception>
    public IReadOnlyList<SpoolEntry> List()
    {
        Prepare();

        // Cheap, and survives someone removing the directory while the agent runs.
        Directory.CreateDirectory(_directory);
        var entries = new List<SpoolEntry>();
        foreach (var path in Directory.EnumerateFiles(_directory, "*" + SpoolFileName.Extension))
        {
            var name = Path.GetFileName(path);
            if (!SpoolFileName.TryParse(name, out var first, out var last, out var count))
            {
                MoveAside(path, "the file name is not a spool file name");
                continue;
            }

            long bytes;
            try
            {
                bytes = new FileInfo(path).Length;
            }
            catch (FileNotFoundException)
            {
                continue;
            }

            entries.Add(new SpoolEntry(path, first, last, count, bytes));
        }

        entries.Sort(static (a, b) => string.CompareOrdinal(a.FileName, b.FileName));
        return entries;
    }

    /// <summary>The number of events waiting in the spool.</summary>
    public long EventCount() => List().Sum(static e => (long)e.Count);

    /// <summary>
    /// Writes <paramref name="batch"/> as one new file, first dropping the oldest files while the spool would exceed
    /// its bound. Returns false when the batch alone is larger than the bound (then it is dropped and counted).
    /// </summary>
    public async Task<bool> WriteAsync(IReadOnlyList<MetricEvent> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return true;
        }

        var body = MetricEventJson.SerializeArray(batch);
        if (body.Length > _maxBytes)
        {
            _counters.AddDroppedFromSpool(batch.Count);
            _logger.SpoolBatchTooLarge(batch.Count, body.Length, _maxBytes);
            return false;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var entries = List();
            var total = entries.Sum(static e => e.Bytes);
            var oldest = 0;
            while (total + body.Length > _maxBytes && oldest < entries.Count)
            {
                var victim = entries[oldest++];
                if (TryDelete(victim.Path))
                {
                    _counters.AddDroppedFromSpool(victim.Count);
                    _logger.SpoolFileDropped(victim.FileName, victim.Count, _maxBytes);
                }

                total -= victim.Bytes;
            }

            var name = SpoolFileName.Format(batch[0].Sequence, batch[^1].Sequence, batch.Count);
            await AtomicFile.WriteAsync(Path.Combine(_directory, name), body, cancellationToken).ConfigureAwait(false);
            _counters.AddSpooled(batch.Count);
            _logger.BatchSpooled(batch.Count, name);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Reads a spooled batch; null when the file is gone or corrupt (then it is moved aside as <c>*.bad</c>).</summary>
    public async Task<IReadOnlyList<MetricEvent>?> ReadAsync(SpoolEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(entry.Path, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not the content's fault (permissions, I/O error): leave the file for a later round.
            _logger.SpoolFileReadFailed(entry.FileName, ex);
            return null;
        }

        if (!TryParse(bytes, out var events, out var problem))
        {
            MoveAside(entry.Path, problem);
            return null;
        }

        return events;
    }

    /// <summary>Removes a batch that was sent (or refused for good).</summary>
    public void Delete(SpoolEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        TryDelete(entry.Path);
    }

    /// <summary>Replaces a batch of which only <paramref name="remaining"/> is still unsent.</summary>
    public async Task ReplaceAsync(SpoolEntry entry, IReadOnlyList<MetricEvent> remaining, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(remaining);
        if (remaining.Count == 0)
        {
            Delete(entry);
            return;
        }

        var name = SpoolFileName.Format(remaining[0].Sequence, remaining[^1].Sequence, remaining.Count);
        var body = MetricEventJson.SerializeArray(remaining);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await AtomicFile.WriteAsync(Path.Combine(_directory, name), body, cancellationToken).ConfigureAwait(false);
            if (!string.Equals(name, entry.FileName, StringComparison.Ordinal))
            {
                TryDelete(entry.Path);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    internal static bool TryParse(byte[] bytes, out IReadOnlyList<MetricEvent> events, out string problem)
    {
        events = [];
        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind != JsonValueKind.Array || document.RootElement.GetArrayLength() == 0)
            {
                problem = "the content is not a non-empty JSON array";
                return false;
            }

            var parsed = new List<MetricEvent>(document.RootElement.GetArrayLength());
            foreach (var element in document.RootElement.EnumerateArray())
            {
                if (!MetricEventJson.TryParse(JsonMarshal.GetRawUtf8Value(element), out var metricEvent, out var rejection))
                {
                    problem = $"event {parsed.Count} is not a valid event: {rejection}";
                    return false;
                }

                parsed.Add(metricEvent!);
            }

            events = parsed;
            problem = string.Empty;
            return true;
        }
        catch (JsonException ex)
        {
            problem = $"not valid JSON: {ex.Message}";
            return false;
        }
    }

    private void Prepare()
    {
        lock (_prepareLock)
        {
            if (_prepared)
            {
                return;
            }

            Directory.CreateDirectory(_directory);
            foreach (var leftover in Directory.EnumerateFiles(_directory, "*" + SpoolFileName.Extension + ".*" + AtomicFile.TemporaryExtension))
            {
                // A crash between write and rename left this; the batch it held was never reported as spooled.
                TryDelete(leftover);
            }

            _prepared = true;
        }
    }

    private void MoveAside(string path, string problem)
    {
        var target = path + BadExtension;
        try
        {
            File.Move(path, target, overwrite: true);
            _counters.AddCorruptSpoolFile();
            _logger.SpoolFileCorrupt(Path.GetFileName(path), Path.GetFileName(target), problem);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _logger.SpoolFileMoveFailed(Path.GetFileName(path), ex);
        }
    }

    private bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _logger.SpoolFileDeleteFailed(Path.GetFileName(path), ex);
            return false;
        }
    }
}
