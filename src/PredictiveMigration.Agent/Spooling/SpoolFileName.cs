using System.Globalization;

namespace PredictiveMigration.Agent.Spooling;

/// <summary>
/// Spool file names: <c>{firstSeq:D19}-{lastSeq:D19}-{count:D6}.json</c>. Sequence numbers only grow, so the
/// ordinal order of the names is the order the batches were collected in (oldest first).
/// </summary>
public static class SpoolFileName
{
    public const string Extension = ".json";

    public static string Format(long firstSequence, long lastSequence, int count) =>
        string.Create(CultureInfo.InvariantCulture, $"{firstSequence:D19}-{lastSequence:D19}-{count:D6}{Extension}");

    public static bool TryParse(string fileName, out long firstSequence, out long lastSequence, out int count)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        firstSequence = lastSequence = count = 0;
        if (!fileName.EndsWith(Extension, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = fileName[..^Extension.Length].Split('-');
        return parts.Length == 3
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out firstSequence)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out lastSequence)
            && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out count)
            && firstSequence <= lastSequence
            && count > 0;
    }
}
