using System.Text;

namespace PredictiveMigration.Durable.Tests.Support;

/// <summary>
/// A deliberately tiny protobuf writer for tests: tags, varints and length-delimited fields written by hand
/// from the field-number tables in PROTOCOL.md §4.1, so wire tests do not rely on our generated code.
/// </summary>
internal sealed class ProtoWriter
{
    private const int VarintWireType = 0;
    private const int LengthDelimitedWireType = 2;

    private readonly List<byte> _bytes = [];

    public byte[] ToArray() => [.. _bytes];

    public ProtoWriter Varint(int field, long value)
    {
        Tag(field, VarintWireType);
        RawVarint(unchecked((ulong)value));
        return this;
    }

    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Message(int field, Action<ProtoWriter> body)
    {
        var inner = new ProtoWriter();
        body(inner);
        return Bytes(field, inner.ToArray());
    }

    /// <summary>A google.protobuf.StringValue field: a message whose field 1 is the string.</summary>
    public ProtoWriter StringValue(int field, string value) => Message(field, w => w.String(1, value));

    /// <summary>A google.protobuf.Timestamp field: 1 seconds, 2 nanos.</summary>
    public ProtoWriter Timestamp(int field, DateTime utc) =>
        Message(field, w => w.Varint(1, new DateTimeOffset(utc, TimeSpan.Zero).ToUnixTimeSeconds()));

    private ProtoWriter Bytes(int field, byte[] value)
    {
        Tag(field, LengthDelimitedWireType);
        RawVarint((ulong)value.Length);
        _bytes.AddRange(value);
        return this;
    }

    private void Tag(int field, int wireType) => RawVarint((ulong)((field << 3) | wireType));

    private void RawVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }

        _bytes.Add((byte)value);
    }
}
