using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using PredictiveMigration.Domain.Metrics.Ingestion;

namespace PredictiveMigration.Functions.Ingestion;

/// <summary>
/// Decodes the custom-handler request of an Event Hubs trigger with <c>cardinality: many, dataType: string</c>
/// (PROTOCOL.md §0, §2.2): <c>Data.{binding}</c> is a JSON string whose content is a JSON array of strings, each the
/// UTF-8 body of one event (here, an event's JSON text). So: envelope → string → array → string → event JSON.
/// Metadata arrays (<c>SequenceNumberArray</c>, <c>EnqueuedTimeUtcArray</c>) are strings holding JSON arrays too.
/// The decoder also accepts the values already decoded (a real array; object elements), so a host that stops
/// double-encoding keeps working. It never builds a DOM for the events: it is on the hot path. The usual shape is
/// decoded in one pass by <see cref="DoubleEncodedArrayDecoder"/>; anything else takes the general
/// <see cref="Utf8JsonReader"/> path, which the tests use as the oracle for the fast one.
/// </summary>
public static class EventHubEnvelopeDecoder
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 64 };

    /// <summary>Decodes an invocation body. Returns false with a reason when the envelope itself is unusable.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> body, string bindingName, out EventHubBatch? batch, out string? error)
    {
        batch = null;
        try
        {
            if (TryDecodeFast(body, bindingName, out batch))
            {
                error = null;
                return true;
            }

            return TryDecodeCore(body, bindingName, out batch, out error);
        }
        catch (JsonException ex)
        {
            error = $"the invocation envelope is not valid JSON: {ex.Message}";
            return false;
        }
        catch (InvalidOperationException ex)
        {
            error = $"the invocation envelope has an unexpected shape: {ex.Message}";
            return false;
        }
    }

    internal static bool TryDecodeCore(ReadOnlySpan<byte> body, string bindingName, out EventHubBatch? batch, out string? error)
    {
        batch = null;
        var reader = new Utf8JsonReader(body, Options);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            error = "the invocation envelope is not a JSON object";
            return false;
        }

        byte[]? buffer = null;
        List<(int Offset, int Length)>? events = null;
        var metadata = default(MetadataInfo);

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("Data"u8) || reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    error = "Data is not an object";
                    return false;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isBinding = reader.GetString() == bindingName;
                    reader.Read();
                    if (isBinding)
                    {
                        if (!TryReadEvents(body, ref reader, out buffer, out events, out error))
                        {
                            return false;
                        }
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            else if (reader.ValueTextEquals("Metadata"u8) || reader.ValueTextEquals("metadata"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                ReadMetadata(ref reader, ref metadata);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (events is null)
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            error = $"Data.{bindingName} is missing";
            return false;
        }

        batch = CreateBatch(buffer, events, metadata);
        error = null;
        return true;
    }

    private static EventHubBatch CreateBatch(byte[]? buffer, List<(int Offset, int Length)> events, MetadataInfo metadata)
    {
        var payloads = new EventPayload[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var (offset, length) = events[i];
            payloads[i] = new EventPayload(
                new ReadOnlyMemory<byte>(buffer, offset, length),
                metadata.SequenceNumbers is { } seqs && i < seqs.Length ? seqs[i] : null,
                metadata.EnqueuedTimes is { } times && i < times.Length ? times[i] : null);
        }

        return new EventHubBatch(buffer, payloads, metadata.EventHubName, metadata.PartitionId, metadata.RetryCount);
    }

    /// <summary>
    /// The fast path: walks the envelope's top level by hand (no validation of what it skips), decodes
    /// <c>Data.{binding}</c> with <see cref="DoubleEncodedArrayDecoder"/> and reads <c>Metadata</c> with the reader.
    /// Returns false, having allocated nothing that leaks, whenever the envelope is not the usual shape.
    /// </summary>
    internal static bool TryDecodeFast(ReadOnlySpan<byte> body, string bindingName, out EventHubBatch? batch)
    {
        batch = null;
        var i = JsonSkipper.Whitespace(body, 0);
        if (i >= body.Length || body[i] != (byte)'{')
        {
            return false;
        }

        byte[]? buffer = null;
        List<(int, int)>? events = null;
        var metadata = default(MetadataInfo);
        var ok = false;
        try
        {
            i++;
            while (true)
            {
                i = JsonSkipper.Whitespace(body, i);
                if (i < body.Length && body[i] == (byte)'}')
                {
                    ok = events is not null;
                    break;
                }

                if (!JsonSkipper.TryPlainKey(body, ref i, out var key))
                {
                    return false;
                }

                if (key.SequenceEqual("Data"u8) || key.SequenceEqual("data"u8))
                {
                    if (!TryFastData(body, ref i, bindingName, ref buffer, ref events))
                    {
                        return false;
                    }
                }
                else
                {
                    var start = i;
                    if (!JsonSkipper.TrySkipValue(body, ref i))
                    {
                        return false;
                    }

                    if (key.SequenceEqual("Metadata"u8) || key.SequenceEqual("metadata"u8))
                    {
                        var reader = new Utf8JsonReader(body[start..i], Options);
                        reader.Read();
                        if (reader.TokenType == JsonTokenType.StartObject)
                        {
                            ReadMetadata(ref reader, ref metadata);
                        }
                    }
                }

                i = JsonSkipper.Whitespace(body, i);
                if (i < body.Length && body[i] == (byte)',')
                {
                    i++;
                }
            }

            if (!ok || JsonSkipper.Whitespace(body, i + 1) != body.Length)
            {
                return false;
            }

            batch = CreateBatch(buffer, events!, metadata);
            return true;
        }
        finally
        {
            if (batch is null && buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private static bool TryFastData(ReadOnlySpan<byte> body, ref int i, string bindingName, ref byte[]? buffer, ref List<(int, int)>? events)
    {
        i = JsonSkipper.Whitespace(body, i);
        if (i >= body.Length || body[i] != (byte)'{' || events is not null)
        {
            return false;
        }

        i++;
        while (true)
        {
            i = JsonSkipper.Whitespace(body, i);
            if (i < body.Length && body[i] == (byte)'}')
            {
                i++;
                return events is not null;
            }

            if (!JsonSkipper.TryPlainKey(body, ref i, out var key))
            {
                return false;
            }

            i = JsonSkipper.Whitespace(body, i);
            if (events is null && Encoding.UTF8.GetByteCount(bindingName) == key.Length && Encoding.UTF8.GetString(key) == bindingName)
            {
                if (i >= body.Length || body[i] != (byte)'"')
                {
                    return false;
                }

                // The decoded events are never longer than their escaped text.
                buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, body.Length - i));
                events = new List<(int, int)>(Math.Max(4, (body.Length - i) / 900));
                if (!DoubleEncodedArrayDecoder.TryDecode(body[(i + 1)..], buffer, events, out var consumed))
                {
                    return false;
                }

                i += 1 + consumed;
            }
            else if (!JsonSkipper.TrySkipValue(body, ref i))
            {
                return false;
            }

            i = JsonSkipper.Whitespace(body, i);
            if (i < body.Length && body[i] == (byte)',')
            {
                i++;
            }
        }
    }

    private static void ReadMetadata(ref Utf8JsonReader reader, ref MetadataInfo metadata)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "SequenceNumberArray":
                    metadata.SequenceNumbers = ReadInnerArray(ref reader, static e => e.GetInt64());
                    break;
                case "EnqueuedTimeUtcArray":
                    metadata.EnqueuedTimes = ReadInnerArray(ref reader, static e => DateTimeOffset.Parse(e.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal));
                    break;
                case "PartitionContext" when reader.TokenType == JsonTokenType.StartObject:
                    using (var doc = JsonDocument.ParseValue(ref reader))
                    {
                        metadata.EventHubName = GetDecodedString(doc.RootElement, "EventHubName");
                        metadata.PartitionId = GetDecodedString(doc.RootElement, "PartitionId");
                    }

                    break;
                case "RetryContext" when reader.TokenType == JsonTokenType.StartObject:
                    using (var doc = JsonDocument.ParseValue(ref reader))
                    {
                        if (doc.RootElement.TryGetProperty("RetryCount", out var rc))
                        {
                            metadata.RetryCount = rc.ValueKind == JsonValueKind.Number ? rc.GetInt32()
                                : int.TryParse(rc.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
                        }
                    }

                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
    }

    private struct MetadataInfo
    {
        public long[]? SequenceNumbers;
        public DateTimeOffset[]? EnqueuedTimes;
        public string? EventHubName;
        public string? PartitionId;
        public int RetryCount;
    }

    /// <summary>
    /// Reads the events value into one pooled buffer: each event's JSON text, unescaped, back to back.
    /// </summary>
    private static bool TryReadEvents(ReadOnlySpan<byte> body, ref Utf8JsonReader reader, out byte[]? buffer, out List<(int, int)>? events, out string? error)
    {
        buffer = null;
        events = null;
        byte[]? arrayText = null;
        try
        {
            ReadOnlySpan<byte> array;
            if (reader.TokenType == JsonTokenType.String)
            {
                // Layer 2: the string's content is the JSON array text. This is the fallback for envelopes the
                // fast path (DoubleEncodedArrayDecoder) declines, so correctness matters here, not speed.
                arrayText = ArrayPool<byte>.Shared.Rent(Math.Max(1, reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length));
                array = arrayText.AsSpan(0, reader.CopyString(arrayText));
            }
            else if (reader.TokenType == JsonTokenType.StartArray)
            {
                // Already a real array (a host that does not double-encode): its raw text is the array.
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                array = body[start..(int)reader.BytesConsumed];
            }
            else
            {
                error = $"Data value is a {reader.TokenType}, not a string holding a JSON array";
                return false;
            }

            return TryReadEventArray(array, out buffer, out events, out error);
        }
        finally
        {
            if (arrayText is not null)
            {
                ArrayPool<byte>.Shared.Return(arrayText);
            }
        }
    }

    private static bool TryReadEventArray(ReadOnlySpan<byte> array, out byte[]? buffer, out List<(int, int)>? events, out string? error)
    {
        buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, array.Length));
        events = new List<(int, int)>(Math.Max(4, array.Length / 600));
        var inner = new Utf8JsonReader(array, Options);
        if (!inner.Read() || inner.TokenType != JsonTokenType.StartArray)
        {
            error = "the events value is not a JSON array";
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = null;
            events = null;
            return false;
        }

        var offset = 0;
        while (inner.Read() && inner.TokenType != JsonTokenType.EndArray)
        {
            int length;
            if (inner.TokenType == JsonTokenType.String)
            {
                // Layer 3: the string is the event body (its JSON text).
                length = inner.CopyString(buffer.AsSpan(offset));
            }
            else
            {
                // An element that is already JSON (object, number…): its raw text is the body, and validation judges it.
                var start = (int)inner.TokenStartIndex;
                inner.Skip();
                var raw = array[start..(int)inner.BytesConsumed];
                raw.CopyTo(buffer.AsSpan(offset));
                length = raw.Length;
            }

            events.Add((offset, length));
            offset += length;
        }

        error = null;
        return true;
    }

    private static T[]? ReadInnerArray<T>(ref Utf8JsonReader reader, Func<JsonElement, T> read)
    {
        using var doc = JsonDocument.ParseValue(ref reader);
        var element = doc.RootElement;
        if (element.ValueKind == JsonValueKind.String)
        {
            using var inner = JsonDocument.Parse(element.GetString()!);
            return ReadArray(inner.RootElement, read);
        }

        return ReadArray(element, read);
    }

    private static T[]? ReadArray<T>(JsonElement element, Func<JsonElement, T> read)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var result = new T[element.GetArrayLength()];
        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            result[i++] = read(item);
        }

        return result;
    }

    private static string? GetDecodedString(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var text = value.GetString()!;
        // Strings inside objects are normally plain, but decode once more if the host double-encoded it (§0).
        if (text.Length >= 2 && text[0] == '"')
        {
            try
            {
                return JsonSerializer.Deserialize<string>(text);
            }
            catch (JsonException)
            {
                return text;
            }
        }

        return text;
    }
}
