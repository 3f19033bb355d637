using System.Globalization;

namespace PredictiveMigration.Domain.Connectors;

/// <summary>
/// Deterministic connector ids (which are also their VM names): <c>pmconn-{region}-{nn}</c>. A new connector takes the
/// lowest free number of its region, so planning twice from the same state names the same VMs.
/// </summary>
public static class ConnectorNames
{
    public const string Prefix = "pmconn-";

    public static string For(string region, int index)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}{region.ToLowerInvariant()}-{index:D2}");
    }

    /// <summary>The next <paramref name="count"/> free ids of a region, lowest numbers first.</summary>
    public static IReadOnlyList<string> Next(string region, IEnumerable<string> taken, int count)
    {
        var used = new HashSet<string>(taken, StringComparer.OrdinalIgnoreCase);
        var result = new List<string>(count);
        for (var i = 1; result.Count < count; i++)
        {
            var id = For(region, i);
            if (used.Add(id))
            {
                result.Add(id);
            }
        }

        return result;
    }
}
