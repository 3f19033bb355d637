using System.Buffers;

namespace PredictiveMigration.Functions.Ingestion;

/// <summary>Minimal structural moves over JSON text for the envelope fast path. They do not validate what they skip.</summary>
internal static class JsonSkipper
{
    private static readonly SearchValues<byte> QuoteOrBackslash = SearchValues.Create("\"\\"u8);

    public static int Whitespace(ReadOnlySpan<byte> s, int i)
    {
        while (i < s.Length && s[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return i;
    }

    /// <summary>Reads a property name without escapes and the colon after it. False for anything else.</summary>
    public static bool TryPlainKey(ReadOnlySpan<byte> s, ref int i, out ReadOnlySpan<byte> key)
    {
        key = default;
        if (i >= s.Length || s[i] != (byte)'"')
        {
            return false;
        }

        var end = s[(i + 1)..].IndexOfAny(QuoteOrBackslash);
        if (end < 0 || s[i + 1 + end] != (byte)'"')
        {
            return false;
        }

        key = s.Slice(i + 1, end);
        i = Whitespace(s, i + end + 2);
        if (i >= s.Length || s[i] != (byte)':')
        {
            return false;
        }

        i++;
        return true;
    }

    /// <summary>Moves past one value (string, object, array, number or literal).</summary>
    public static bool TrySkipValue(ReadOnlySpan<byte> s, ref int i)
    {
        i = Whitespace(s, i);
        if (i >= s.Length)
        {
            return false;
        }

        switch (s[i])
        {
            case (byte)'"':
                return TrySkipString(s, ref i);
            case (byte)'{':
            case (byte)'[':
                var depth = 0;
                while (i < s.Length)
                {
                    var c = s[i];
                    if (c == (byte)'"')
                    {
                        if (!TrySkipString(s, ref i))
                        {
                            return false;
                        }

                        continue;
                    }

                    if (c is (byte)'{' or (byte)'[')
                    {
                        depth++;
                    }
                    else if (c is (byte)'}' or (byte)']' && --depth == 0)
                    {
                        i++;
                        return true;
                    }

                    i++;
                }

                return false;
            default:
                while (i < s.Length && s[i] is not ((byte)',' or (byte)'}' or (byte)']' or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                {
                    i++;
                }

                return true;
        }
    }

    private static bool TrySkipString(ReadOnlySpan<byte> s, ref int i)
    {
        i++;
        while (true)
        {
            var next = s[i..].IndexOfAny(QuoteOrBackslash);
            if (next < 0)
            {
                return false;
            }

            i += next;
            if (s[i] == (byte)'"')
            {
                i++;
                return true;
            }

            i += 2;
            if (i > s.Length)
            {
                return false;
            }
        }
    }
}
