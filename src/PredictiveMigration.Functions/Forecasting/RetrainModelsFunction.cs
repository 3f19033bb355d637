using System.Diagnostics;
using System.Globalization;
using PredictiveMigration.Forecasting.Service;
using PredictiveMigration.Functions.Hosting;

namespace PredictiveMigration.Functions.Forecasting;

/// <summary>
/// <c>RetrainModels</c> (timer, <c>%RetrainSchedule%</c>, daily by default): runs <see cref="ModelRetrainer"/>. The answer's
/// <c>Logs</c> say which version was trained and why it was or was not promoted; 500 when storage failed (retried).
/// </summary>
public static class RetrainModelsFunction
{
    public static async Task HandleAsync(HttpContext context, ModelRetrainer retrainer, TimeProvider time, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(FunctionCatalog.RetrainModels);
        var ct = context.RequestAborted;
        var body = await RequestBody.ReadAsync(context.Request, TimerInvocation.MaxBodyBytes, ct).ConfigureAwait(false);
        string? error = null;
        if (body is null || !TimerInvocation.TryDecode(body, out _, out error))
        {
            error ??= $"the invocation body exceeds {TimerInvocation.MaxBodyBytes} bytes";
            Logs.TimerEnvelopeInvalid(logger, FunctionCatalog.RetrainModels, error);
            await InvocationResponse.WriteAsync(context.Response, StatusCodes.Status400BadRequest, [error], ct).ConfigureAwait(false);
            return;
        }

        var sw = Stopwatch.StartNew();
        RetrainResult result;
        try
        {
            result = await retrainer.RunAsync(time.GetUtcNow(), ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logs.RetrainFailed(logger, ex);
            await InvocationResponse.WriteAsync(context.Response, StatusCodes.Status500InternalServerError, [$"retraining failed: {ex.Message}"], ct).ConfigureAwait(false);
            return;
        }

        Telemetry.RetrainRuns.Add(1, new KeyValuePair<string, object?>("promoted", result.Promoted));
        Logs.RetrainCompleted(logger, result.Version, result.Servers, result.Promoted, result.Reason, sw.Elapsed.TotalSeconds);
        var analog = string.Join(", ", result.Scores.Where(kv => kv.Key.StartsWith("analog_servers_", StringComparison.Ordinal) && kv.Value > 0)
            .Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key["analog_servers_".Length..]} {kv.Value:0}")));
        var summary = string.Create(CultureInfo.InvariantCulture, $"trained {result.Version} on {result.Servers} servers in {sw.Elapsed.TotalSeconds:F1} s; {result.Reason}")
            + (analog.Length > 0 ? $"; servers forecast by analogues for the first hour: {analog}" : "");
        await InvocationResponse.WriteAsync(context.Response, StatusCodes.Status200OK, [summary], ct).ConfigureAwait(false);
    }
}
