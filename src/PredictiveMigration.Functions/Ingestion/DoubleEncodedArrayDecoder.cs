using System.Buffers;

namespace PredictiveMigration.Functions.Ingestion;

/// <summary>
/// The fast path for <c>Data.events</c>: the raw (still escaped) content of a JSON string whose content is a JSON
/// array of strings. Decodes both layers in one pass, hopping from backslash to backslash: in the raw text an event's
/// quote is <c>\\\"</c> and an element's delimiter is <c>\"</c>, so each hop handles one whole group.
/// It accepts only what Newtonsoft writes for plain event JSON (escapes <c>\"</c>, <c>\\</c>, <c>\/</c> at either layer);
/// anything else (a <c>\u</c> escape, odd whitespace) returns false and the caller takes the general path, which the
/// tests prove gives the same result wherever both accept.
/// </summary>
internal static class DoubleEncodedArrayDecoder
{
    private static readonly SearchValues<byte> Specials = SearchValues.Create("\"\\"u8);

    /// <summary>
    /// Decodes from <paramref name="raw"/>, which starts right after the opening quote of the outer string.
    /// On success <paramref name="consumed"/> is the index just past the closing quote.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> raw, Span<byte> destination, List<(int Offset, int Length)> spans, out int consumed)
    {
        consumed = 0;
        var p = 0;
        var written = 0;

        // Layer 2 outside elements: '[' then elements separated by ',' then ']'; plain spaces allowed.
        if (!NextStructural(raw, ref p, out var c) || c != (byte)'[')
        {
            return false;
        }

        var expectElement = true;
        var first = true;
        while (true)
        {
            if (!NextStructural(raw, ref p, out c))
            {
                return false;
            }

            if (c == (byte)']' && (first || !expectElement))
            {
                break;
            }

            if (!expectElement)
            {
                if (c != (byte)',')
                {
                    return false;
                }

                expectElement = true;
                continue;
            }

            // An element starts with a layer-2 quote, which is \" in the raw text.
            if (c != (byte)'"' || raw[p - 2] != (byte)'\\')
            {
                return false;
            }

            var start = written;
            if (!DecodeElement(raw, ref p, destination, ref written))
            {
                return false;
            }

            spans.Add((start, written - start));
            expectElement = false;
            first = false;
        }

        // The outer string must end right here (spaces allowed before its closing quote).
        while (p < raw.Length && raw[p] == (byte)' ')
        {
            p++;
        }

        if (p >= raw.Length || raw[p] != (byte)'"')
        {
            return false;
        }

        consumed = p + 1;
        return true;
    }

    /// <summary>Reads the next layer-2 character outside an element, skipping spaces. Structural characters are never escaped, except the quote.</summary>
    private static bool NextStructural(ReadOnlySpan<byte> raw, ref int p, out byte c)
    {
        while (p < raw.Length && raw[p] == (byte)' ')
        {
            p++;
        }

        c = 0;
        if (p >= raw.Length)
        {
            return false;
        }

        if (raw[p] == (byte)'\\')
        {
            if (p + 1 >= raw.Length || raw[p + 1] != (byte)'"')
            {
                return false;
            }

            c = (byte)'"';
            p += 2;
            return true;
        }

        c = raw[p];
        if (c == (byte)'"')
        {
            // The outer string ended before the array did.
            return false;
        }

        p++;
        return true;
    }

    private static bool DecodeElement(ReadOnlySpan<byte> raw, ref int p, Span<byte> destination, ref int written)
    {
        while (true)
        {
            var rest = raw[p..];
            var next = rest.IndexOfAny(Specials);
            if (next < 0 || rest[next] == (byte)'"')
            {
                // A bare quote ends the outer string: the element was never closed.
                return false;
            }

            rest[..next].CopyTo(destination[written..]);
            written += next;
            p += next;

            // raw[p] is a backslash: a layer-1 escape.
            if (p + 1 >= raw.Length)
            {
                return false;
            }

            switch (raw[p + 1])
            {
                case (byte)'"':
                    // Layer-2 quote: the element ends.
                    p += 2;
                    return true;
                case (byte)'/':
                    destination[written++] = (byte)'/';
                    p += 2;
                    break;
                case (byte)'\\':
                    // A layer-2 backslash: a JSON escape inside the event's text. Its second character is the next
                    // layer-2 character: \\\" and \\\\ in the raw text are an event quote and backslash.
                    if (p + 2 >= raw.Length)
                    {
                        return false;
                    }

                    byte eventByte;
                    int length;
                    if (raw[p + 2] == (byte)'\\')
                    {
                        if (p + 3 >= raw.Length)
                        {
                            return false;
                        }

                        eventByte = raw[p + 3] switch
                        {
                            (byte)'"' => (byte)'"',
                            (byte)'\\' => (byte)'\\',
                            (byte)'/' => (byte)'/',
                            _ => 0,
                        };
                        length = 4;
                    }
                    else
                    {
                        eventByte = raw[p + 2] switch
                        {
                            (byte)'/' => (byte)'/',
                            (byte)'n' => (byte)'\n',
                            (byte)'t' => (byte)'\t',
                            (byte)'r' => (byte)'\r',
                            (byte)'b' => (byte)'\b',
                            (byte)'f' => (byte)'\f',
                            _ => 0,
                        };
                        length = 3;
                    }

                    if (eventByte == 0)
                    {
                        // \u escapes and anything unusual: the general path.
                        return false;
                    }

                    destination[written++] = eventByte;
                    p += length;
                    break;
                default:
                    return false;
            }
        }
    }
}
