using System.Buffers;
using System.Text;

namespace PredictiveMigration.Functions.Ingestion;

/// <summary>
/// Fast JSON string handling for the Event Hubs envelope, whose events are JSON text inside a JSON string inside a
/// JSON string (PROTOCOL.md §2.2). <see cref="System.Text.Json.Utf8JsonReader.CopyString(Span{byte})"/> validates
/// then unescapes in two passes per layer; here each layer is one pass with vectorized searches for the next
/// backslash or quote, copying the runs between them.
/// </summary>
internal static class JsonStringUnescaper
{
    private static readonly SearchValues<byte> QuoteOrBackslash = SearchValues.Create("\"\\"u8);

    /// <summary>Unescapes the content of a JSON string (no surrounding quotes). Returns the bytes written, or -1 for an invalid escape.</summary>
    public static int Unescape(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var written = 0;
        while (true)
        {
            var next = source.IndexOf((byte)'\\');
            if (next < 0)
            {
                source.CopyTo(destination[written..]);
                return written + source.Length;
            }

            source[..next].CopyTo(destination[written..]);
            written += next;
            source = source[next..];
            var consumed = DecodeEscape(source, destination[written..], out var produced);
            if (consumed < 0)
            {
                return -1;
            }

            written += produced;
            source = source[consumed..];
        }
    }

    /// <summary>
    /// Splits the text of a JSON array of strings (layer 2) into the unescaped strings, written back to back into
    /// <paramref name="destination"/>. Returns false when the text is anything else (the caller then takes the
    /// general path), leaving <paramref name="spans"/> unspecified.
    /// </summary>
    public static bool TrySplitStringArray(ReadOnlySpan<byte> array, Span<byte> destination, List<(int Offset, int Length)> spans)
    {
        var i = SkipWhitespace(array, 0);
        if (i >= array.Length || array[i] != (byte)'[')
        {
            return false;
        }

        i = SkipWhitespace(array, i + 1);
        if (i < array.Length && array[i] == (byte)']')
        {
            return SkipWhitespace(array, i + 1) == array.Length;
        }

        var written = 0;
        while (true)
        {
            if (i >= array.Length || array[i] != (byte)'"')
            {
                return false;
            }

            i++;
            var start = written;
            while (true)
            {
                var rest = array[i..];
                var next = rest.IndexOfAny(QuoteOrBackslash);
                if (next < 0)
                {
                    return false;
                }

                rest[..next].CopyTo(destination[written..]);
                written += next;
                i += next;
                if (array[i] == (byte)'"')
                {
                    i++;
                    break;
                }

                var consumed = DecodeEscape(array[i..], destination[written..], out var produced);
                if (consumed < 0)
                {
                    return false;
                }

                written += produced;
                i += consumed;
            }

            spans.Add((start, written - start));
            i = SkipWhitespace(array, i);
            if (i >= array.Length)
            {
                return false;
            }

            if (array[i] == (byte)']')
            {
                return SkipWhitespace(array, i + 1) == array.Length;
            }

            if (array[i] != (byte)',')
            {
                return false;
            }

            i = SkipWhitespace(array, i + 1);
        }
    }

    private static int SkipWhitespace(ReadOnlySpan<byte> text, int i)
    {
        while (i < text.Length && text[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return i;
    }

    /// <summary>Decodes the escape at the start of <paramref name="source"/> (which begins with a backslash). Returns bytes consumed, or -1.</summary>
    private static int DecodeEscape(ReadOnlySpan<byte> source, Span<byte> destination, out int produced)
    {
        produced = 1;
        if (source.Length < 2)
        {
            return -1;
        }

        switch (source[1])
        {
            case (byte)'"':
                destination[0] = (byte)'"';
                return 2;
            case (byte)'\\':
                destination[0] = (byte)'\\';
                return 2;
            case (byte)'/':
                destination[0] = (byte)'/';
                return 2;
            case (byte)'b':
                destination[0] = (byte)'\b';
                return 2;
            case (byte)'f':
                destination[0] = (byte)'\f';
                return 2;
            case (byte)'n':
                destination[0] = (byte)'\n';
                return 2;
            case (byte)'r':
                destination[0] = (byte)'\r';
                return 2;
            case (byte)'t':
                destination[0] = (byte)'\t';
                return 2;
            case (byte)'u':
                return DecodeUnicode(source, destination, out produced);
            default:
                return -1;
        }
    }

    private static int DecodeUnicode(ReadOnlySpan<byte> source, Span<byte> destination, out int produced)
    {
        produced = 0;
        if (source.Length < 6 || !TryHex(source.Slice(2, 4), out var unit))
        {
            return -1;
        }

        var consumed = 6;
        int scalar = unit;
        if (char.IsHighSurrogate((char)unit))
        {
            if (source.Length >= 12 && source[6] == (byte)'\\' && source[7] == (byte)'u' && TryHex(source.Slice(8, 4), out var low) && char.IsLowSurrogate((char)low))
            {
                scalar = char.ConvertToUtf32((char)unit, (char)low);
                consumed = 12;
            }
            else
            {
                scalar = 0xFFFD;
            }
        }
        else if (char.IsLowSurrogate((char)unit))
        {
            scalar = 0xFFFD;
        }

        produced = new Rune(scalar).EncodeToUtf8(destination);
        return consumed;
    }

    private static bool TryHex(ReadOnlySpan<byte> hex, out int value)
    {
        value = 0;
        foreach (var b in hex)
        {
            int digit = b switch
            {
                >= (byte)'0' and <= (byte)'9' => b - '0',
                >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
                _ => -1,
            };
            if (digit < 0)
            {
                return false;
            }

            value = (value << 4) | digit;
        }

        return true;
    }
}
