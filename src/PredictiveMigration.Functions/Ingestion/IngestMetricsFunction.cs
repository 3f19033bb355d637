using System.Globalization;
using System.Text;
using PredictiveMigration.Domain.Metrics;
using PredictiveMigration.Domain.Metrics.Ingestion;
using PredictiveMigration.Functions.Hosting;

namespace PredictiveMigration.Functions.Ingestion;

/// <summary>
/// <c>IngestMetrics</c>: the Event Hubs trigger. Decodes the batch, hands it to <see cref="MetricIngestor"/>, answers
/// 200 when everything is stored and 500 when storage failed, so the host's retry policy redelivers the batch
/// (harmless: every write is idempotent). An envelope that cannot be decoded at all is dead-lettered whole and
/// acknowledged: retrying it could never succeed and would block the partition.
/// </summary>
public static class IngestMetricsFunction
{
    /// <summary>Largest invocation body accepted (a 1,000-event batch is about 1.5 MB once double-encoded).</summary>
    public const long MaxBodyBytes = 64L * 1024 * 1024;

    public static async Task HandleAsync(HttpContext context, MetricIngestor ingestor, IDeadLetterStore deadLetters, TimeProvider time, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(FunctionCatalog.IngestMetrics);
        var ct = context.RequestAborted;
        var body = await RequestBody.ReadAsync(context.Request, MaxBodyBytes, ct).ConfigureAwait(false);
        EventHubBatch? batch = null;
        string? error = body is null ? $"the invocation body exceeds {MaxBodyBytes} bytes" : null;
        if (body is null || !EventHubEnvelopeDecoder.TryDecode(body, FunctionCatalog.EventsBinding, out batch, out error))
        {
            error ??= "the invocation envelope could not be decoded";
            Logs.EnvelopeUndecodable(logger, error);
            await deadLetters.AddAsync([EnvelopeDeadLetter(body ?? [], error, time.GetUtcNow())], ct).ConfigureAwait(false);
            await InvocationResponse.WriteAsync(context.Response, StatusCodes.Status200OK, [$"envelope dead-lettered: {error}"], ct).ConfigureAwait(false);
            return;
        }

        using (batch)
        {
            IngestResult result;
            try
            {
                result = await ingestor.IngestAsync(batch!.Events, batch.Source, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Fail the invocation: the function.json retry policy redelivers this batch until storage is back.
                Logs.BatchFailed(logger, ex, batch!.Source, batch.RetryCount);
                Telemetry.IngestFailures.Add(1);
                await InvocationResponse.WriteAsync(context.Response, StatusCodes.Status500InternalServerError, [$"ingestion failed: {ex.Message}"], ct).ConfigureAwait(false);
                return;
            }

            Record(result);
            Logs.BatchIngested(logger, batch.Source, result.Received, result.Accepted, result.Duplicates, result.RejectedCount, result.RowsWritten, batch.RetryCount);
            foreach (var rejected in result.Rejected.Take(10))
            {
                Logs.EventRejected(logger, rejected.Index, batch.Source, rejected.Rejection.ToString());
            }

            var summary = string.Create(CultureInfo.InvariantCulture,
                $"received {result.Received}, accepted {result.Accepted}, duplicates {result.Duplicates}, rejected {result.RejectedCount}");
            await InvocationResponse.WriteAsync(context.Response, StatusCodes.Status200OK, [summary], ct).ConfigureAwait(false);
        }
    }

    internal static void Record(IngestResult result)
    {
        Telemetry.IngestEvents.Add(result.Accepted, new KeyValuePair<string, object?>("outcome", "accepted"));
        Telemetry.IngestEvents.Add(result.Duplicates, new KeyValuePair<string, object?>("outcome", "duplicate"));
        Telemetry.IngestEvents.Add(result.RejectedCount, new KeyValuePair<string, object?>("outcome", "rejected"));
    }

    private static DeadLetter EnvelopeDeadLetter(byte[] body, string error, DateTimeOffset now)
    {
        var keep = body.AsSpan(0, Math.Min(body.Length, MetricIngestor.MaxDeadLetterPayloadChars));
        var id = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body)[..16]);
        return new DeadLetter(id, now, new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero), "eventhub:envelope", -1,
            RejectionReason.Malformed, null, error, null, Encoding.UTF8.GetString(keep), body.Length, keep.Length < body.Length);
    }
}
