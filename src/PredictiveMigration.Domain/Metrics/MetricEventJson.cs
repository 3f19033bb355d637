using System.Buffers;
using System.Text;
using System.Text.Json;

namespace PredictiveMigration.Domain.Metrics;

/// <summary>
/// Reads and writes metric events (schema v1, <c>docs/metrics-schema.md</c>) with <see cref="Utf8JsonReader"/> and
/// <see cref="Utf8JsonWriter"/> directly: no reflection, one allocation per event. Parsing checks structure and
/// types (required fields, numbers that are finite); <see cref="MetricEventValidator"/> checks ranges and time.
/// </summary>
public static class MetricEventJson
{
    private const int FieldSchemaVersion = -2;
    private const int FieldServerId = -3;
    private const int FieldTimestamp = -4;
    private const int FieldSequence = -5;
    private const int FieldAgentVersion = -6;
    private const int FieldCpuCores = -7;
    private const int FieldUnknown = -1;

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 16, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>Parses one event. Returns false with a rejection naming the field when the JSON is not a usable v1 event.</summary>
    public static bool TryParse(ReadOnlySpan<byte> json, out MetricEvent? metricEvent, out MetricRejection? rejection)
    {
        metricEvent = null;
        try
        {
            return TryParseCore(json, out metricEvent, out rejection);
        }
        catch (JsonException ex)
        {
            rejection = new MetricRejection(RejectionReason.Malformed, null, $"not valid JSON: {ex.Message}");
            return false;
        }
    }

    private static bool TryParseCore(ReadOnlySpan<byte> json, out MetricEvent? metricEvent, out MetricRejection? rejection)
    {
        metricEvent = null;
        var reader = new Utf8JsonReader(json, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            rejection = new MetricRejection(RejectionReason.Malformed, null, "an event must be a JSON object");
            return false;
        }

        var values = MetricValues.Empty();
        int? schemaVersion = null;
        string? serverId = null;
        DateTimeOffset? timestamp = null;
        long? sequence = null;
        string? agentVersion = null;
        int? cpuCores = null;

        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            var field = FieldOf(ref reader);
            reader.Read();
            switch (field)
            {
                case FieldUnknown:
                    reader.Skip();
                    break;
                case FieldSchemaVersion:
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var v))
                    {
                        rejection = WrongType("schemaVersion", "an integer");
                        return false;
                    }

                    schemaVersion = v;
                    break;
                case FieldServerId:
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        rejection = WrongType("serverId", "a string");
                        return false;
                    }

                    serverId = reader.GetString();
                    break;
                case FieldTimestamp:
                    if (!TryReadTimestamp(ref reader, out var ts, out rejection))
                    {
                        return false;
                    }

                    timestamp = ts;
                    break;
                case FieldSequence:
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var seq))
                    {
                        rejection = WrongType("seq", "an integer");
                        return false;
                    }

                    sequence = seq;
                    break;
                case FieldAgentVersion:
                    if (reader.TokenType == JsonTokenType.Null)
                    {
                        break;
                    }

                    if (reader.TokenType != JsonTokenType.String)
                    {
                        rejection = WrongType("agentVersion", "a string");
                        return false;
                    }

                    agentVersion = AgentVersionCache.Get(ref reader);
                    break;
                case FieldCpuCores:
                    if (reader.TokenType == JsonTokenType.Null)
                    {
                        break;
                    }

                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var cores))
                    {
                        rejection = WrongType("cpuCores", "an integer");
                        return false;
                    }

                    cpuCores = cores;
                    break;
                default:
                    if (!TryReadMetric(ref reader, (MetricKind)field, out var value, out rejection))
                    {
                        return false;
                    }

                    values[field] = value;
                    break;
            }
        }

        if (schemaVersion is null)
        {
            rejection = Missing("schemaVersion");
            return false;
        }

        if (schemaVersion != MetricEvent.CurrentSchemaVersion)
        {
            rejection = new MetricRejection(RejectionReason.UnsupportedSchemaVersion, "schemaVersion",
                $"schemaVersion {schemaVersion} is not supported (this receiver reads {MetricEvent.CurrentSchemaVersion})");
            return false;
        }

        if (serverId is null)
        {
            rejection = Missing("serverId");
            return false;
        }

        if (timestamp is null)
        {
            rejection = Missing("timestamp");
            return false;
        }

        if (sequence is null)
        {
            rejection = Missing("seq");
            return false;
        }

        foreach (var info in MetricKinds.All)
        {
            if (info.Required && double.IsNaN(values[(int)info.Kind]))
            {
                rejection = Missing(info.JsonName);
                return false;
            }
        }

        var result = new MetricEvent
        {
            ServerId = serverId,
            Timestamp = timestamp.Value,
            Sequence = sequence.Value,
            AgentVersion = agentVersion,
            CpuCores = cpuCores,
        };
        for (var i = 0; i < MetricKinds.Count; i++)
        {
            result[(MetricKind)i] = values[i];
        }

        metricEvent = result;
        rejection = null;
        return true;
    }

    private static bool TryReadMetric(ref Utf8JsonReader reader, MetricKind kind, out double value, out MetricRejection? rejection)
    {
        value = double.NaN;
        rejection = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                // null is "not reported"; a required kind is then caught as missing.
                return true;
            case JsonTokenType.Number:
                if (!reader.HasValueSequence && TryParseSimpleDecimal(reader.ValueSpan, out value))
                {
                    return true;
                }

                if (!reader.TryGetDouble(out value) || !double.IsFinite(value))
                {
                    rejection = new MetricRejection(RejectionReason.NotFinite, kind.JsonName(), $"{kind.JsonName()} is not a finite number");
                    return false;
                }

                return true;
            case JsonTokenType.String:
                var text = reader.GetString();
                if (text is not null && (text.Contains("NaN", StringComparison.OrdinalIgnoreCase) || text.Contains("Infinity", StringComparison.OrdinalIgnoreCase)))
                {
                    rejection = new MetricRejection(RejectionReason.NotFinite, kind.JsonName(), $"{kind.JsonName()} is {text}");
                    return false;
                }

                rejection = WrongType(kind.JsonName(), "a number");
                return false;
            default:
                rejection = WrongType(kind.JsonName(), "a number");
                return false;
        }
    }

    private static bool TryReadTimestamp(ref Utf8JsonReader reader, out DateTimeOffset timestamp, out MetricRejection? rejection)
    {
        timestamp = default;
        if (reader.TokenType != JsonTokenType.String)
        {
            rejection = WrongType("timestamp", "an ISO-8601 string");
            return false;
        }

        // An ISO-8601 timestamp without a zone would be read as local time: require Z or an explicit offset.
        if (!reader.ValueIsEscaped && !reader.HasValueSequence && TryParseUtcFast(reader.ValueSpan, out timestamp))
        {
            rejection = null;
            return true;
        }

        // Escapes are legal (System.Text.Json's default encoder writes '+' as \u002B), so look at the unescaped text.
        var raw = reader.ValueIsEscaped || reader.HasValueSequence ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;
        if (!HasZoneDesignator(raw) || !reader.TryGetDateTimeOffset(out timestamp))
        {
            rejection = new MetricRejection(RejectionReason.WrongType, "timestamp",
                "timestamp must be ISO-8601 with a zone, e.g. 2026-11-23T10:15:00Z");
            return false;
        }

        timestamp = timestamp.ToUniversalTime();
        rejection = null;
        return true;
    }

    private static readonly double[] PowersOf10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    /// <summary>
    /// Plain decimals (<c>-123.45</c>: at most 15 digits, no exponent), exactly as <see cref="double.Parse(string)"/>
    /// would: the digits form an integer below 2^53 and 10^k (k ≤ 15) is exact, so one IEEE division is correctly
    /// rounded (Clinger's fast path). Anything else returns false and takes the general parser.
    /// </summary>
    internal static bool TryParseSimpleDecimal(ReadOnlySpan<byte> s, out double value)
    {
        value = 0;
        var i = 0;
        var negative = s.Length > 0 && s[0] == (byte)'-';
        if (negative)
        {
            i = 1;
        }

        ulong mantissa = 0;
        int digits = 0, fractionDigits = 0;
        var seenDot = false;
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (c == (byte)'.')
            {
                if (seenDot)
                {
                    return false;
                }

                seenDot = true;
                continue;
            }

            var d = (uint)(c - '0');
            if (d > 9 || ++digits > 15)
            {
                return false;
            }

            mantissa = (mantissa * 10) + d;
            if (seenDot)
            {
                fractionDigits++;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        var v = (double)mantissa / PowersOf10[fractionDigits];
        value = negative ? -v : v;
        return true;
    }

    /// <summary>
    /// The shape agents write, <c>yyyy-MM-ddTHH:mm:ss[.f{1,7}]Z</c>, parsed without the general ISO-8601 machinery.
    /// Anything else returns false and takes the general path.
    /// </summary>
    internal static bool TryParseUtcFast(ReadOnlySpan<byte> s, out DateTimeOffset value)
    {
        value = default;
        if (s.Length < 20 || s[^1] != (byte)'Z' || s[4] != (byte)'-' || s[7] != (byte)'-' || s[10] != (byte)'T' || s[13] != (byte)':' || s[16] != (byte)':')
        {
            return false;
        }

        if (!TwoDigits(s, 0, out var century) || !TwoDigits(s, 2, out var yy) || !TwoDigits(s, 5, out var month) || !TwoDigits(s, 8, out var day)
            || !TwoDigits(s, 11, out var hour) || !TwoDigits(s, 14, out var minute) || !TwoDigits(s, 17, out var second))
        {
            return false;
        }

        long fractionTicks = 0;
        if (s.Length > 20)
        {
            var digits = s.Length - 21;
            if (s[19] != (byte)'.' || digits is < 1 or > 7)
            {
                return false;
            }

            for (var i = 20; i < s.Length - 1; i++)
            {
                var d = s[i] - '0';
                if ((uint)d > 9)
                {
                    return false;
                }

                fractionTicks = (fractionTicks * 10) + d;
            }

            for (var i = digits; i < 7; i++)
            {
                fractionTicks *= 10;
            }
        }

        var year = (century * 100) + yy;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        value = new DateTimeOffset(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks + fractionTicks, TimeSpan.Zero);
        return true;
    }

    private static bool TwoDigits(ReadOnlySpan<byte> s, int at, out int value)
    {
        var a = s[at] - '0';
        var b = s[at + 1] - '0';
        value = (a * 10) + b;
        return (uint)a <= 9 && (uint)b <= 9;
    }

    private static bool HasZoneDesignator(ReadOnlySpan<byte> raw)
    {
        if (raw.Length < 20)
        {
            return false;
        }

        if (raw[^1] is (byte)'Z' or (byte)'z')
        {
            return true;
        }

        // ...+hh:mm or ...-hh:mm
        return raw.Length >= 6 && raw[^3] == (byte)':' && raw[^6] is (byte)'+' or (byte)'-';
    }

    private static int FieldOf(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            // Escaped names are legal JSON but never written by our agents: take the slow, exact path.
            return FieldOf(Encoding.UTF8.GetBytes(reader.GetString()!));
        }

        return FieldOf(reader.ValueSpan);
    }

    internal static int FieldOf(ReadOnlySpan<byte> name) => name.Length switch
    {
        3 when name.SequenceEqual("seq"u8) => FieldSequence,
        8 when name.SequenceEqual("serverId"u8) => FieldServerId,
        8 when name.SequenceEqual("cpuCores"u8) => FieldCpuCores,
        9 when name.SequenceEqual("timestamp"u8) => FieldTimestamp,
        10 when name.SequenceEqual("cpuPercent"u8) => (int)MetricKind.CpuPercent,
        10 when name.SequenceEqual("errorCount"u8) => (int)MetricKind.ErrorCount,
        11 when name.SequenceEqual("queueLength"u8) => (int)MetricKind.QueueLength,
        12 when name.SequenceEqual("diskReadIops"u8) => (int)MetricKind.DiskReadIops,
        12 when name.SequenceEqual("agentVersion"u8) => FieldAgentVersion,
        13 when name.SequenceEqual("schemaVersion"u8) => FieldSchemaVersion,
        13 when name.SequenceEqual("diskWriteIops"u8) => (int)MetricKind.DiskWriteIops,
        14 when name.SequenceEqual("probeLatencyMs"u8) => (int)MetricKind.ProbeLatencyMs,
        15 when name.SequenceEqual("memoryUsedBytes"u8) => (int)MetricKind.MemoryUsedBytes,
        16 when name.SequenceEqual("memoryTotalBytes"u8) => (int)MetricKind.MemoryTotalBytes,
        16 when name.SequenceEqual("netRxBytesPerSec"u8) => (int)MetricKind.NetRxBytesPerSec,
        16 when name.SequenceEqual("netTxBytesPerSec"u8) => (int)MetricKind.NetTxBytesPerSec,
        19 when name.SequenceEqual("diskReadBytesPerSec"u8) => (int)MetricKind.DiskReadBytesPerSec,
        20 when name.SequenceEqual("diskWriteBytesPerSec"u8) => (int)MetricKind.DiskWriteBytesPerSec,
        _ => FieldUnknown,
    };

    private static MetricRejection Missing(string field) => new(RejectionReason.MissingField, field, $"{field} is required");

    private static MetricRejection WrongType(string field, string expected) => new(RejectionReason.WrongType, field, $"{field} must be {expected}");

    /// <summary>Writes one event as a v1 JSON object. Absent (NaN) metrics are omitted.</summary>
    public static void Write(Utf8JsonWriter writer, MetricEvent metricEvent)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(metricEvent);
        writer.WriteStartObject();
        writer.WriteNumber("schemaVersion"u8, MetricEvent.CurrentSchemaVersion);
        writer.WriteString("serverId"u8, metricEvent.ServerId);
        writer.WriteString("timestamp"u8, metricEvent.Timestamp.UtcDateTime);
        writer.WriteNumber("seq"u8, metricEvent.Sequence);
        foreach (var info in MetricKinds.All)
        {
            var value = metricEvent[info.Kind];
            if (!double.IsNaN(value))
            {
                writer.WriteNumber(info.JsonName, value);
            }
        }

        if (metricEvent.CpuCores is { } cores)
        {
            writer.WriteNumber("cpuCores"u8, cores);
        }

        if (metricEvent.AgentVersion is { } version)
        {
            writer.WriteString("agentVersion"u8, version);
        }

        writer.WriteEndObject();
    }

    /// <summary>The event as UTF-8 JSON bytes.</summary>
    public static byte[] Serialize(MetricEvent metricEvent)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, metricEvent);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Several events as one UTF-8 JSON array (the body the agent posts to the HTTP ingestion endpoint).</summary>
    public static byte[] SerializeArray(IEnumerable<MetricEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var e in events)
            {
                Write(writer, e);
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
