using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using PredictiveMigration.Domain.Connectors;
using PredictiveMigration.Domain.Connectors.Api;
using PredictiveMigration.Functions.Hosting;
using PredictiveMigration.Workflows.Connectors;

namespace PredictiveMigration.Functions.Connectors;

/// <summary>
/// The connector API (issue 6, seed 002), thin over the domain: <c>POST /api/forecast</c>, <c>GET /api/connectors</c>,
/// <c>POST /api/scale</c>. Dependencies are handler parameters resolved from DI; bad input answers problem+json
/// naming the field (<c>field</c>, and <c>errors</c> with every field at fault). JSON is camelCase with enums as
/// camelCase strings.
/// </summary>
public static class ConnectorApiFunctions
{
    /// <summary>The largest request body accepted (bytes).</summary>
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>The header that makes a scale request idempotent.</summary>
    public const string IdempotencyHeader = "Idempotency-Key";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>
    /// <c>POST /api/forecast</c>: <see cref="ForecastRequest"/> → <see cref="ForecastResponse"/>, the connector resources a
    /// migration needs, with the transfer rate learned from the recorded observations.
    /// </summary>
    public static async Task<IResult> ForecastAsync(
        HttpRequest request,
        IConnectorStore store,
        ConnectorPlacement placement,
        ConnectorPlanOptions plan,
        ConnectorWorkflowOptions workflow,
        ConnectorResourceOptions resources,
        TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(time);
        var ct = request.HttpContext.RequestAborted;
        var (body, problem) = await ReadAsync<ForecastRequest>(request, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var now = time.GetUtcNow();
        var history = await store.ListObservationsAsync(now - workflow.ObservationWindow, ct).ConfigureAwait(false);
        var forecaster = new MigrationLoadForecaster(TransferRateModel.Learn(history, workflow.Rates), placement, workflow.Forecast);
        var answer = new ConnectorResourceEstimator(forecaster, plan, resources).Forecast(body!, now);
        return answer.IsValid ? Results.Json(answer.Value, Json) : Invalid(answer.Errors);
    }

    /// <summary><c>GET /api/connectors[?region=…]</c>: every connector (of a region) and a summary per region.</summary>
    public static async Task<IResult> ListAsync(HttpRequest request, IConnectorStore store, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        string? region = request.Query["region"];
        if (region is not null && (region.Length is 0 or > 64 || !region.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
        {
            return Problems.Create(400, "Invalid query", "region must be a region name (letters, digits and '-', at most 64)", "region");
        }

        var connectors = await store.ListConnectorsAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
        var shown = region is null ? connectors : connectors.Where(c => string.Equals(c.Region, region, StringComparison.OrdinalIgnoreCase));
        return Results.Json(ConnectorListResponse.From(time.GetUtcNow(), shown), Json);
    }

    /// <summary>
    /// <c>POST /api/scale</c>: <see cref="ScaleRequest"/> → the actions of <see cref="ManualScaler"/>, run at once through
    /// the same <see cref="ConnectorActionRunner"/> as planned ones (cloud, then store). Idempotent: asking for a state a
    /// connector is already in gives no action, and with an <c>Idempotency-Key</c> header the planned actions are
    /// recorded before they run, so a retry (after a crash or a failed action) runs the same actions again (each
    /// idempotent by connector id) instead of planning new ones, and a retry after success changes nothing. The same
    /// key with another body is a 409. 200 when every action ran; 502 (503 when every failure is transient) with the
    /// results otherwise.
    /// </summary>
    public static async Task<IResult> ScaleAsync(
        HttpRequest request,
        IConnectorStore store,
        ManualScaler scaler,
        ConnectorActionRunner runner,
        IScaleRequestLog log,
        TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(scaler);
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(time);
        var ct = request.HttpContext.RequestAborted;
        string? key = request.Headers[IdempotencyHeader];
        if (key is not null && (key.Length is 0 or > 100 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            return Problems.Create(400, "Invalid header", $"{IdempotencyHeader} must be 1-100 letters, digits, '-', '_' or '.'", IdempotencyHeader);
        }

        var (body, problem, raw) = await ReadWithBytesAsync<ScaleRequest>(request, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var hash = Convert.ToHexString(SHA256.HashData(raw!));
        IReadOnlyList<ConnectorAction> actions;
        var replayed = false;
        var earlier = key is null ? null : await log.GetAsync(key, ct).ConfigureAwait(false);
        if (earlier is not null)
        {
            if (!string.Equals(earlier.RequestHash, hash, StringComparison.Ordinal))
            {
                return Problems.Create(409, "Idempotency key reused", $"{IdempotencyHeader} '{key}' was used with another request body", IdempotencyHeader);
            }

            if (earlier.Completed)
            {
                return Results.Json(new ScaleApiResponse([.. earlier.Actions.Select(a => new ScaleActionResult(a, true, null, null, false))], Replayed: true), Json);
            }

            actions = earlier.Actions;
            replayed = true;
        }
        else
        {
            var connectors = await store.ListConnectorsAsync(ct).ConfigureAwait(false);
            var planned = scaler.Plan(body!, connectors);
            if (!planned.IsValid)
            {
                return Invalid(planned.Errors);
            }

            actions = planned.Value!.Actions;
            if (key is not null)
            {
                await log.SaveAsync(new ScaleRequestEntry(key, hash, actions, Completed: false), ct).ConfigureAwait(false);
            }
        }

        var results = new List<ScaleActionResult>();
        foreach (var action in actions)
        {
            var r = await runner.RunAsync(action, time.GetUtcNow(), ct).ConfigureAwait(false);
            results.Add(new ScaleActionResult(action, r.Ok, r.Code, r.Message, r.Transient));
        }

        var response = new ScaleApiResponse(results, replayed);
        var failed = results.Where(r => !r.Ok).ToList();
        if (failed.Count == 0)
        {
            if (key is not null)
            {
                await log.SaveAsync(new ScaleRequestEntry(key, hash, actions, Completed: true), ct).ConfigureAwait(false);
            }

            return Results.Json(response, Json);
        }

        var first = failed[0];
        var status = failed.All(f => f.Transient) ? 503 : 502;
        return Problems.Create(status, "Scale action failed", $"{failed.Count} of {results.Count} action(s) failed; first: {first.Action.Kind} {first.Action.ConnectorId}: {first.Code}: {first.Message}", "connectorId",
            new Dictionary<string, object?> { ["results"] = JsonSerializer.SerializeToElement(results, Json) });
    }

    private static IResult Invalid(IReadOnlyList<FieldError> errors) =>
        Problems.Create(400, "Invalid request", string.Join("; ", errors), errors[0].Field,
            new Dictionary<string, object?> { ["errors"] = errors.Select(e => new { field = e.Field, message = e.Message }).ToList() });

    private static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        var (body, problem, _) = await ReadWithBytesAsync<T>(request, cancellationToken).ConfigureAwait(false);
        return (body, problem);
    }

    private static async Task<(T? Body, IResult? Problem, byte[]? Raw)> ReadWithBytesAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        var raw = await RequestBody.ReadAsync(request, MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (raw is null)
        {
            return (null, Problems.Create(413, "Request too large", $"the body must be at most {MaxBodyBytes} bytes", "body"), null);
        }

        if (raw.Length == 0)
        {
            return (null, Problems.Create(400, "Invalid request", "a JSON object body is required", "body"), raw);
        }

        try
        {
            using var doc = JsonDocument.Parse(raw);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, Problems.Create(400, "Invalid request", "the body must be a JSON object", "body"), raw);
            }

            var body = doc.RootElement.Deserialize<T>(Json);
            return body is null
                ? (null, Problems.Create(400, "Invalid request", "a JSON object body is required", "body"), raw)
                : (body, null, raw);
        }
        catch (JsonException ex)
        {
            var field = FieldOf(ex.Path);
            return (null, Problems.Create(400, "Invalid request", field == "body" ? "the body is not valid JSON" : $"{field} has the wrong type or format", field), raw);
        }
    }

    // "$.dataBytes" → "dataBytes"; "$" or none → "body".
    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
}
