using System.Globalization;
using System.Text.Json.Nodes;

namespace PredictiveMigration.Sandbox.TriggerHost;

/// <summary>
/// A function-level retry policy from <c>function.json</c> (<c>"retry": {"strategy": "fixedDelay"|"exponentialBackoff",
/// "maxRetryCount": n, "delayInterval" | "minimumInterval" + "maximumInterval": "hh:mm:ss"}</c>). A
/// <see cref="MaxRetryCount"/> of -1 retries until the invocation succeeds.
/// </summary>
public sealed record RetryPolicy(bool Exponential, int MaxRetryCount, TimeSpan DelayInterval, TimeSpan MinimumInterval, TimeSpan MaximumInterval)
{
    /// <summary>Whether retry number <paramref name="retryCount"/> (1 for the first retry) is allowed.</summary>
    public bool Allows(int retryCount) => MaxRetryCount < 0 || retryCount <= MaxRetryCount;

    /// <summary>
    /// The wait before retry number <paramref name="retryCount"/> (1-based): the fixed delay, or
    /// <see cref="MinimumInterval"/> × 2^(retryCount − 1) capped at <see cref="MaximumInterval"/>.
    /// </summary>
    public TimeSpan DelayBefore(int retryCount)
    {
        if (!Exponential)
        {
            return DelayInterval;
        }

        var factor = Math.Pow(2, Math.Min(Math.Max(retryCount - 1, 0), 40));
        var ticks = Math.Min(MinimumInterval.Ticks * factor, MaximumInterval.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Reads the <c>retry</c> object; errors name the function and the field.</summary>
    /// <exception cref="FormatException">A field is missing or malformed.</exception>
    public static RetryPolicy Parse(JsonObject retry, string functionName)
    {
        ArgumentNullException.ThrowIfNull(retry);
        var strategy = (string?)retry["strategy"];
        var exponential = strategy switch
        {
            "exponentialBackoff" => true,
            "fixedDelay" => false,
            _ => throw new FormatException($"{functionName}/function.json: retry.strategy must be fixedDelay or exponentialBackoff (was '{strategy}')"),
        };
        var maxNode = retry["maxRetryCount"];
        if (maxNode is not JsonValue maxValue || !maxValue.TryGetValue<int>(out var max) || max < -1)
        {
            throw new FormatException($"{functionName}/function.json: retry.maxRetryCount must be an integer of -1 or more");
        }

        if (exponential)
        {
            var min = Interval(retry, "minimumInterval", functionName);
            var maxInterval = Interval(retry, "maximumInterval", functionName);
            if (maxInterval < min)
            {
                throw new FormatException($"{functionName}/function.json: retry.maximumInterval must not be below retry.minimumInterval");
            }

            return new RetryPolicy(true, max, TimeSpan.Zero, min, maxInterval);
        }

        var delay = Interval(retry, "delayInterval", functionName);
        return new RetryPolicy(false, max, delay, delay, delay);
    }

    private static TimeSpan Interval(JsonObject retry, string field, string functionName)
    {
        var text = (string?)retry[field];
        if (text is null || !TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) || value < TimeSpan.Zero)
        {
            throw new FormatException($"{functionName}/function.json: retry.{field} must be a time span like 00:00:05 (was '{text}')");
        }

        return value;
    }
}
