using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PredictiveMigration.Durable.Replay;

/// <summary>
/// Deterministic GUIDs, the scheme Microsoft's SDK uses (verified against the golden vectors NewGuid.ep1 and
/// SubOrch.ep1): an RFC 4122 name-based UUID, version 5 (SHA-1), in namespace
/// 9e952958-5e33-4daf-827f-2fa12937b875, named by the UTF-8 of
/// <c>instanceId + "_" + now.ToString("o") + "_" + counter</c>.
/// </summary>
internal static class DeterministicGuid
{
    private static readonly Guid Namespace = new("9e952958-5e33-4daf-827f-2fa12937b875");

    /// <summary>The GUID for the <paramref name="counter"/>-th call in an execution.</summary>
    /// <param name="instanceId">The orchestration instance id.</param>
    /// <param name="utcNow">The orchestration's current time (UTC kind, so "o" prints a trailing Z).</param>
    /// <param name="counter">0, 1, 2... per execution.</param>
    public static Guid Create(string instanceId, DateTime utcNow, int counter)
    {
        string name = string.Concat(
            instanceId,
            "_",
            utcNow.ToString("o", CultureInfo.InvariantCulture),
            "_",
            counter.ToString(CultureInfo.InvariantCulture));
        return CreateVersion5(Namespace, Encoding.UTF8.GetBytes(name));
    }

    /// <summary>An RFC 4122 version 5 UUID.</summary>
    /// <param name="namespaceId">The namespace.</param>
    /// <param name="name">The name bytes.</param>
    public static Guid CreateVersion5(Guid namespaceId, ReadOnlySpan<byte> name)
    {
        byte[] buffer = new byte[16 + name.Length];
        namespaceId.TryWriteBytes(buffer, bigEndian: true, out _);
        name.CopyTo(buffer.AsSpan(16));

        // SHA-1 is what RFC 4122 prescribes for version 5; it names things, it protects nothing.
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(buffer, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
