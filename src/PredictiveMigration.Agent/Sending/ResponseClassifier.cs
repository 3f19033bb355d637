using System.Net;

namespace PredictiveMigration.Agent.Sending;

/// <summary>Maps an HTTP status to what the agent does with the events.</summary>
public static class ResponseClassifier
{
    public static SendOutcome Classify(HttpStatusCode status)
    {
        var code = (int)status;
        return code switch
        {
            >= 200 and < 300 => SendOutcome.Sent,
            413 => SendOutcome.TooLarge,
            401 or 403 => SendOutcome.Unauthorized,
            408 or 429 => SendOutcome.Transient,
            >= 400 and < 500 => SendOutcome.Refused,
            // 5xx, and anything unexpected (1xx, an unfollowed 3xx): keep the data and try again later.
            _ => SendOutcome.Transient,
        };
    }

    /// <summary>The Retry-After header as a delay from <paramref name="now"/>, if the response has one.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    /// <summary>Reads at most <paramref name="maxChars"/> characters of the body for the log; never throws for an I/O problem.</summary>
    public static async Task<string?> ReadDetailAsync(HttpResponseMessage response, int maxChars, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            text = text.Trim();
            return text.Length <= maxChars ? text : text[..maxChars];
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
