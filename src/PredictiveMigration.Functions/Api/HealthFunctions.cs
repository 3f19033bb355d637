using System.Diagnostics;
using System.Reflection;
using Azure.Data.Tables;
using PredictiveMigration.Functions.Api.OpenApi;

namespace PredictiveMigration.Functions.Api;

/// <summary>Health and the OpenAPI document (both anonymous).</summary>
public static class HealthFunctions
{
    private static readonly string Version =
        typeof(HealthFunctions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    private static readonly Lazy<byte[]> Document = new(() => OpenApiDocument.Write(Version));

    /// <summary><c>GET /api/health</c>: 200 when storage answers within two seconds, else 503; with the check's latency.</summary>
    public static async Task<IResult> GetHealthAsync(TableServiceClient tables, TimeProvider time, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(tables);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        var sw = Stopwatch.StartNew();
        string storage;
        try
        {
            await foreach (var _ in tables.QueryAsync(maxPerPage: 1, cancellationToken: timeout.Token).ConfigureAwait(false))
            {
                break;
            }

            storage = "ok";
        }
        catch (Exception e) when (e is global::Azure.RequestFailedException or OperationCanceledException or HttpRequestException or AggregateException)
        {
            storage = "unavailable: " + e.Message.Split('\n')[0];
        }

        var healthy = storage == "ok";
        return Results.Json(
            new { status = healthy ? "healthy" : "unhealthy", version = Version, time = time.GetUtcNow(), checks = new { storage, storageMs = sw.Elapsed.TotalMilliseconds } },
            statusCode: healthy ? 200 : 503);
    }

    /// <summary><c>GET /api/openapi.json</c>.</summary>
    public static IResult GetOpenApi() => Results.Bytes(Document.Value, "application/json; charset=utf-8");
}
