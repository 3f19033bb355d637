using System.Text.Json;
using PredictiveMigration.Functions.Hosting;

namespace PredictiveMigration.Functions.Forecasting;

/// <summary>
/// The timer trigger's invocation envelope (PROTOCOL.md §2.4): <c>{"Data":{"timer":{"Schedule":…,"ScheduleStatus":…,
/// "IsPastDue":false}},"Metadata":{"sys":…}}</c>. Only <c>IsPastDue</c> is used (logged); the run's time is the app's
/// clock, floored to the forecasting step, so a retried invocation of the same tick writes the same rows.
/// </summary>
internal sealed record TimerInvocation(bool IsPastDue)
{
    public const long MaxBodyBytes = 64 * 1024;

    /// <summary>Decodes the envelope; an empty body (a manual run) is a tick that is not past due.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> body, out TimerInvocation? invocation, out string? error)
    {
        invocation = null;
        error = null;
        if (body.IsEmpty)
        {
            invocation = new TimerInvocation(false);
            return true;
        }

        try
        {
            using var doc = JsonDocument.Parse(body.ToArray());
            if (!doc.RootElement.TryGetProperty("Data", out var data) || data.ValueKind != JsonValueKind.Object)
            {
                error = "the invocation envelope has no Data object";
                return false;
            }

            if (!data.TryGetProperty(FunctionCatalog.TimerBinding, out var timer) || timer.ValueKind != JsonValueKind.Object)
            {
                error = $"Data.{FunctionCatalog.TimerBinding} is missing or not an object";
                return false;
            }

            var pastDue = timer.TryGetProperty("IsPastDue", out var p) && (p.ValueKind == JsonValueKind.True || (p.ValueKind == JsonValueKind.String && p.GetString() == "true"));
            invocation = new TimerInvocation(pastDue);
            return true;
        }
        catch (JsonException ex)
        {
            error = $"the invocation body is not JSON: {ex.Message}";
            return false;
        }
    }
}
