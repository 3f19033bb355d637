using System.Text;
using PredictiveMigration.Domain.Metrics;

namespace PredictiveMigration.Agent.Configuration;

/// <summary>Turns a host name into a valid server id (<see cref="MetricEventValidator.IsValidServerId"/>).</summary>
public static class ServerIdSanitizer
{
    /// <summary>The id used when nothing usable is left of the host name.</summary>
    public const string Fallback = "unknown-host";

    /// <summary>Replaces disallowed characters with '-', drops a leading non-alphanumeric run and truncates to the maximum length.</summary>
    public static string Sanitize(string? hostName)
    {
        var builder = new StringBuilder(hostName?.Length ?? 0);
        foreach (var c in (hostName ?? string.Empty).Trim())
        {
            if (builder.Length == 0 && !char.IsAsciiLetterOrDigit(c))
            {
                continue;
            }

            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or ':' ? c : '-');
            if (builder.Length == MetricEventValidator.MaxServerIdLength)
            {
                break;
            }
        }

        var id = builder.ToString();
        return MetricEventValidator.IsValidServerId(id) ? id : Fallback;
    }
}
