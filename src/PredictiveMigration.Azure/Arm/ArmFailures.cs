using System.Globalization;
using Azure;
using PredictiveMigration.Domain.Cloud;

namespace PredictiveMigration.Azure.Arm;

/// <summary>Turns ARM's <see cref="RequestFailedException"/> into a <see cref="CloudFailure"/> value.</summary>
internal static class ArmFailures
{
    /// <summary>Codes that can succeed later although their status says otherwise.</summary>
    private static readonly HashSet<string> TransientCodes = new(StringComparer.OrdinalIgnoreCase) { "AllocationFailed", "ZonalAllocationFailed", "RegionUnavailable" };

    public static CloudFailure From(RequestFailedException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        TimeSpan? retryAfter = null;
        if (ex.GetRawResponse() is { } response && response.Headers.TryGetValue("Retry-After", out var value)
            && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            retryAfter = TimeSpan.FromSeconds(seconds);
        }

        var code = string.IsNullOrEmpty(ex.ErrorCode) ? $"Http{ex.Status}" : ex.ErrorCode;
        var transient = ex.Status is 408 or 429 or >= 500 || TransientCodes.Contains(code);
        return new CloudFailure(code, FirstLine(ex.Message), ex.Status, retryAfter, transient);
    }

    private static string FirstLine(string message)
    {
        var newline = message.IndexOf('\n', StringComparison.Ordinal);
        return (newline < 0 ? message : message[..newline]).Trim();
    }
}
