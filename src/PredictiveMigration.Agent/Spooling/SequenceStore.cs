using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using PredictiveMigration.Agent.Configuration;

namespace PredictiveMigration.Agent.Spooling;

/// <summary>
/// Hands out the per-agent sequence numbers. The last number used is written atomically to
/// <c>{SpoolDirectory}/sequence.state</c> before it is handed out, so a restarted agent continues above it; the spool's
/// file names are a second witness, in case the state file was lost.
/// </summary>
public sealed class SequenceStore
{
    /// <summary>The state file's name in the spool directory.</summary>
    public const string FileName = "sequence.state";

    private readonly Lock _lock = new();
    private readonly string _directory;
    private readonly string _path;
    private readonly ILogger<SequenceStore> _logger;
    private long? _last;
    private bool _persistFailing;

    public SequenceStore(IOptions<AgentOptions> options, ILogger<SequenceStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _directory = options.Value.SpoolDirectory;
        _path = Path.Combine(_directory, FileName);
        _logger = logger;
    }

    /// <summary>The next sequence number, persisted before it is returned.</summary>
    public long Next()
    {
        lock (_lock)
        {
            var next = (_last ??= Load()) + 1;
            Persist(next);
            _last = next;
            return next;
        }
    }

    private long Load()
    {
        Directory.CreateDirectory(_directory);
        long fromState = 0;
        try
        {
            if (File.Exists(_path))
            {
                var text = File.ReadAllText(_path).Trim();
                if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out fromState))
                {
                    _logger.SequenceStateUnreadable(_path, text.Length > 40 ? text[..40] : text);
                    fromState = 0;
                }
            }
        }
        catch (IOException ex)
        {
            _logger.SequenceStateReadFailed(_path, ex);
        }

        var fromSpool = HighestSpooledSequence(_directory);
        var last = Math.Max(fromState, fromSpool);
        _logger.SequenceLoaded(last, fromState, fromSpool);
        return last;
    }

    private void Persist(long value)
    {
        try
        {
            AtomicFile.Write(_path, Encoding.ASCII.GetBytes(value.ToString(CultureInfo.InvariantCulture)));
            if (_persistFailing)
            {
                _persistFailing = false;
                _logger.SequenceStateWriteRecovered(_path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Keep counting in memory; the spool's names still witness the numbers used if the agent restarts.
            if (!_persistFailing)
            {
                _persistFailing = true;
                _logger.SequenceStateWriteFailed(_path, ex);
            }
        }
    }

    private static long HighestSpooledSequence(string directory)
    {
        long highest = 0;
        foreach (var path in Directory.EnumerateFiles(directory, "*" + SpoolFileName.Extension))
        {
            if (SpoolFileName.TryParse(Path.GetFileName(path), out _, out var last, out _))
            {
                highest = Math.Max(highest, last);
            }
        }

        return highest;
    }
}
