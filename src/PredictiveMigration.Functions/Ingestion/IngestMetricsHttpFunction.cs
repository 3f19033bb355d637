using System.Text.Json;
using PredictiveMigration.Domain.Metrics.Ingestion;
using PredictiveMigration.Functions.Hosting;

namespace PredictiveMigration.Functions.Ingestion;

/// <summary>
/// <c>POST /api/metrics</c>: the same ingestion for agents that post directly (local runs, or where Event Hubs is not
/// wanted). Body: a JSON array of v1 events (or one event). 200 with per-event outcomes; 400 problem+json when the
/// body is not JSON or every event is refused; 413 when too large; 503 with Retry-After when storage is down (the
/// agent spools and resends; resending is harmless).
/// </summary>
public static class IngestMetricsHttpFunction
{
    /// <summary>Largest accepted request body: 4 MiB.</summary>
    public const long MaxBodyBytes = 4L * 1024 * 1024;

    public static async Task<IResult> HandleAsync(HttpContext context, MetricIngestor ingestor, ILoggerFactory loggers)
    {
        var ct = context.RequestAborted;
        var body = await RequestBody.ReadAsync(context.Request, MaxBodyBytes, ct).ConfigureAwait(false);
        if (body is null)
        {
            return Problems.Create(StatusCodes.Status413PayloadTooLarge, "Body too large", $"the body exceeds {MaxBodyBytes} bytes; send smaller batches", "body");
        }

        if (!TrySplit(body, out var payloads, out var error))
        {
            return Problems.Create(StatusCodes.Status400BadRequest, "Malformed body", error!, "body");
        }

        IngestResult result;
        try
        {
            result = await ingestor.IngestAsync(payloads!, "http", ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logs.HttpIngestFailed(loggers.CreateLogger(FunctionCatalog.IngestMetricsHttp), ex);
            context.Response.Headers.RetryAfter = "5";
            return Problems.Create(StatusCodes.Status503ServiceUnavailable, "Storage unavailable", "metrics could not be stored; retry later (resending the same events is safe)", null);
        }

        IngestMetricsFunction.Record(result);
        var rejected = result.Rejected.Select(r => new
        {
            index = r.Index,
            serverId = r.ServerId,
            reason = r.Rejection.Reason.ToString(),
            field = r.Rejection.Field,
            message = r.Rejection.Message,
        }).ToList();

        if (result.Received > 0 && result.RejectedCount == result.Received)
        {
            return Problems.Create(StatusCodes.Status400BadRequest, "No valid event", $"all {result.Received} events were refused (see errors); they were dead-lettered",
                rejected[0].field ?? "body", new Dictionary<string, object?> { ["errors"] = rejected });
        }

        return Results.Json(new { accepted = result.Accepted, duplicates = result.Duplicates, rejected });
    }

    /// <summary>Splits a JSON array (or a single object) into the raw bytes of each element.</summary>
    internal static bool TrySplit(byte[] body, out List<EventPayload>? payloads, out string? error)
    {
        payloads = null;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read())
            {
                error = "the body is empty; send a JSON array of metric events";
                return false;
            }

            var list = new List<EventPayload>();
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                list.Add(new EventPayload(body.AsMemory(start, (int)reader.BytesConsumed - start)));
            }
            else if (reader.TokenType == JsonTokenType.StartArray)
            {
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    list.Add(new EventPayload(body.AsMemory(start, (int)reader.BytesConsumed - start)));
                }
            }
            else
            {
                error = "the body must be a JSON array of metric events (or one event object)";
                return false;
            }

            if (reader.Read())
            {
                error = "unexpected content after the JSON value";
                return false;
            }

            payloads = list;
            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            error = $"the body is not valid JSON: {ex.Message}";
            return false;
        }
    }
}
