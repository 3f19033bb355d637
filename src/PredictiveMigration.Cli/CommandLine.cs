using System.Globalization;
using PredictiveMigration.Domain.Common;

namespace PredictiveMigration.Cli;

/// <summary>
/// Parsed arguments: positional words, <c>--name value</c> / <c>--name=value</c> options and bare <c>--flags</c>.
/// Every getter names the option in its error, so a mistyped value reads "--servers must be a positive integer (was 'x')".
/// </summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    private CommandLine(List<string> positional) => Positional = positional;

    public IReadOnlyList<string> Positional { get; }

    /// <summary>Options that take no value.</summary>
    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "json", "help", "no-global" };

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var positional = new List<string>();
        var result = new CommandLine(positional);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                positional.Add(arg);
                continue;
            }

            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                result._options[arg[2..eq]] = arg[(eq + 1)..];
            }
            else if (Flags.Contains(arg[2..]))
            {
                result._options[arg[2..]] = null;
            }
            else if (i + 1 < args.Count)
            {
                result._options[arg[2..]] = args[++i];
            }
            else
            {
                throw new UsageException($"--{arg[2..]} needs a value");
            }
        }

        return result;
    }

    public bool Flag(string name)
    {
        _used.Add(name);
        return _options.ContainsKey(name);
    }

    public string? String(string name)
    {
        _used.Add(name);
        return _options.TryGetValue(name, out var value) ? value : null;
    }

    public int Int(string name, int fallback, int min, int max)
    {
        var text = String(name);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new UsageException($"--{name} must be an integer from {min} to {max} (was '{text}')");
    }

    /// <summary>A duration option (<see cref="ShortDuration"/>; a bare number is minutes), or null when absent.</summary>
    public TimeSpan? Duration(string name)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        return ShortDuration.TryParse(text, out var value)
            ? value
            : throw new UsageException($"--{name} must look like {ShortDuration.Forms} (was '{text}')");
    }

    /// <summary>A duration option within [<paramref name="min"/>, <paramref name="max"/>], or <paramref name="fallback"/> when absent.</summary>
    public TimeSpan Duration(string name, TimeSpan fallback, TimeSpan min, TimeSpan max)
    {
        var value = Duration(name) ?? fallback;
        return value >= min && value <= max
            ? value
            : throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--{name} must be between {min.TotalMinutes}m and {max.TotalMinutes}m (was {value.TotalMinutes}m)"));
    }

    /// <summary>Fails on options no command asked for (a typo should not be silently ignored).</summary>
    public void RejectUnknown()
    {
        var unknown = _options.Keys.Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException($"unknown option{(unknown.Count > 1 ? "s" : string.Empty)}: {string.Join(", ", unknown.Select(u => "--" + u))}");
        }
    }
}
