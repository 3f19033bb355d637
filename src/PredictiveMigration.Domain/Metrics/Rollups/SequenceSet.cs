using System.Globalization;
using System.Text;

namespace PredictiveMigration.Domain.Metrics.Rollups;

/// <summary>
/// The agent sequence numbers already counted in a rollup, as sorted, disjoint, inclusive ranges ("100-105,107").
/// This is what makes ingestion idempotent: an event whose number is present is a duplicate delivery.
/// An agent numbers samples consecutively, so a minute's set is usually one range.
/// </summary>
public sealed class SequenceSet
{
    private readonly List<(long Start, long End)> _ranges = [];

    public int RangeCount => _ranges.Count;

    public bool Contains(long value)
    {
        var i = FindRange(value);
        return i >= 0 && _ranges[i].Start <= value && value <= _ranges[i].End;
    }

    /// <summary>Adds a number; false when it was already present.</summary>
    public bool Add(long value)
    {
        // Index of the last range starting at or before value, or -1.
        var i = FindRange(value);
        if (i >= 0 && value <= _ranges[i].End)
        {
            return false;
        }

        var joinsLeft = i >= 0 && _ranges[i].End == value - 1;
        var joinsRight = i + 1 < _ranges.Count && _ranges[i + 1].Start == value + 1;
        if (joinsLeft && joinsRight)
        {
            _ranges[i] = (_ranges[i].Start, _ranges[i + 1].End);
            _ranges.RemoveAt(i + 1);
        }
        else if (joinsLeft)
        {
            _ranges[i] = (_ranges[i].Start, value);
        }
        else if (joinsRight)
        {
            _ranges[i + 1] = (value, _ranges[i + 1].End);
        }
        else
        {
            _ranges.Insert(i + 1, (value, value));
        }

        return true;
    }

    private int FindRange(long value)
    {
        // Appending in order is the common case: check the last range first.
        var n = _ranges.Count;
        if (n == 0)
        {
            return -1;
        }

        if (_ranges[n - 1].Start <= value)
        {
            return n - 1;
        }

        int lo = 0, hi = n - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_ranges[mid].Start <= value)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found;
    }

    public SequenceSet Clone()
    {
        var copy = new SequenceSet();
        copy._ranges.AddRange(_ranges);
        return copy;
    }

    public override string ToString()
    {
        var sb = new StringBuilder(_ranges.Count * 12);
        foreach (var (start, end) in _ranges)
        {
            if (sb.Length > 0)
            {
                sb.Append(',');
            }

            sb.Append(start.ToString(CultureInfo.InvariantCulture));
            if (end != start)
            {
                sb.Append('-').Append(end.ToString(CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    /// <summary>Parses the <see cref="ToString"/> form. Throws <see cref="FormatException"/> on anything else.</summary>
    public static SequenceSet Parse(string? text)
    {
        var set = new SequenceSet();
        if (string.IsNullOrEmpty(text))
        {
            return set;
        }

        foreach (var part in text.Split(','))
        {
            var dash = part.IndexOf('-', 1);
            var start = long.Parse(dash < 0 ? part : part[..dash], NumberStyles.Integer, CultureInfo.InvariantCulture);
            var end = dash < 0 ? start : long.Parse(part[(dash + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture);
            if (end < start || (set._ranges.Count > 0 && start <= set._ranges[^1].End + 1))
            {
                throw new FormatException($"sequence ranges must be sorted, disjoint and not adjacent: '{text}'");
            }

            set._ranges.Add((start, end));
        }

        return set;
    }
}
