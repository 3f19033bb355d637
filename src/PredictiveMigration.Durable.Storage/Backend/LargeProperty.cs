using System.Globalization;
using System.Text;
using Azure.Data.Tables;

namespace PredictiveMigration.Durable.Storage.Backend;

/// <summary>
/// Values larger than one table property allows (64 KiB) are split over numbered binary properties
/// <c>{name}0</c>, <c>{name}1</c>, … with their count in <c>{name}Parts</c>; short text stays a readable string
/// property. An entity holds 1 MiB in all, which bounds one episode's events and outbox.
/// </summary>
internal static class LargeProperty
{
    private const int PartBytes = 60 * 1024;
    private const int MaxInlineChars = 16 * 1024;

    /// <summary>Writes <paramref name="text"/> (nothing when null).</summary>
    public static void WriteText(TableEntity entity, string name, string? text)
    {
        if (text is null)
        {
            return;
        }

        if (text.Length <= MaxInlineChars)
        {
            entity[name] = text;
            return;
        }

        WriteBytes(entity, name, Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Reads what <see cref="WriteText"/> wrote; null when absent.</summary>
    public static string? ReadText(TableEntity entity, string name)
    {
        if (entity.TryGetValue(name, out object? value) && value is string text)
        {
            return text;
        }

        byte[]? bytes = ReadBytes(entity, name);
        return bytes is null ? null : Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Writes <paramref name="bytes"/> as numbered binary parts.</summary>
    public static void WriteBytes(TableEntity entity, string name, ReadOnlySpan<byte> bytes)
    {
        int parts = 0;
        for (int offset = 0; offset < bytes.Length; offset += PartBytes, parts++)
        {
            entity[name + parts.ToString(CultureInfo.InvariantCulture)] = bytes.Slice(offset, Math.Min(PartBytes, bytes.Length - offset)).ToArray();
        }

        entity[name + "Parts"] = parts;
    }

    /// <summary>Reads what <see cref="WriteBytes"/> wrote; null when absent.</summary>
    public static byte[]? ReadBytes(TableEntity entity, string name)
    {
        if (entity.GetInt32(name + "Parts") is not { } parts)
        {
            return null;
        }

        using var stream = new MemoryStream();
        for (int i = 0; i < parts; i++)
        {
            if (entity.GetBinary(name + i.ToString(CultureInfo.InvariantCulture)) is { } part)
            {
                stream.Write(part);
            }
        }

        return stream.ToArray();
    }
}
