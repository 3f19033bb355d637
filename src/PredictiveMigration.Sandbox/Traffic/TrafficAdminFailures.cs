using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using PredictiveMigration.Domain.Cloud;

namespace PredictiveMigration.Sandbox.Traffic;

/// <summary>
/// Turns an error answer of the proxy's admin API (problem+json with <c>code</c> and <c>field</c>) into a
/// <see cref="CloudFailure"/>, as <c>ArmFailures</c> does for ARM: the code, the detail (with the field), the status,
/// Retry-After, and whether a retry can help (408, 429, 5xx, or no answer at all).
/// </summary>
internal static class TrafficAdminFailures
{
    public static async Task<CloudFailure> FromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        string? code = null, detail = null, field = null;
        try
        {
            using var body = await response.Content.ReadFromJsonAsync<JsonDocument>(cancellationToken).ConfigureAwait(false);
            if (body?.RootElement.ValueKind == JsonValueKind.Object)
            {
                code = Text(body.RootElement, "code");
                detail = Text(body.RootElement, "detail") ?? Text(body.RootElement, "title");
                field = Text(body.RootElement, "field");
            }
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            // Not problem+json (e.g. a plain 502 from something in between): fall back to the status line.
        }

        TimeSpan? retryAfter = null;
        if (response.Headers.RetryAfter?.Delta is { } delta)
        {
            retryAfter = delta;
        }
        else if (response.Headers.TryGetValues("Retry-After", out var values)
            && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            retryAfter = TimeSpan.FromSeconds(seconds);
        }

        var message = (detail ?? response.ReasonPhrase ?? $"HTTP {status}") + (field is null ? string.Empty : $" (field '{field}')");
        return new CloudFailure(code ?? $"Http{status}", message, status, retryAfter, Transient: status is 408 or 429 or >= 500);
    }

    /// <summary>The proxy could not be reached or did not answer in time: worth retrying.</summary>
    public static CloudFailure Unreachable(Exception ex) =>
        new("ProxyUnreachable", $"the traffic proxy did not answer: {ex.Message}", 503, null, Transient: true);

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
