using System.Diagnostics;
using System.Globalization;
using PredictiveMigration.Forecasting.Service;
using PredictiveMigration.Functions.Hosting;

namespace PredictiveMigration.Functions.Forecasting;

/// <summary>
/// <c>RunForecasts</c> (timer, <c>%ForecastSchedule%</c>, every 5 minutes by default): decodes the timer envelope and
/// runs <see cref="ForecastRunner"/> for the current tick. 200 with a summary in <c>Logs</c>; 500 when storage failed,
/// so the function's retry policy runs it again (every write is keyed by server and tick: harmless).
/// </summary>
public static class RunForecastsFunction
{
    public static async Task HandleAsync(HttpContext context, ForecastRunner runner, TimeProvider time, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(FunctionCatalog.RunForecasts);
        var ct = context.RequestAborted;
        var body = await RequestBody.ReadAsync(context.Request, TimerInvocation.MaxBodyBytes, ct).ConfigureAwait(false);
        string? error = null;
        TimerInvocation? invocation = null;
        if (body is null || !TimerInvocation.TryDecode(body, out invocation, out error))
        {
            error ??= $"the invocation body exceeds {TimerInvocation.MaxBodyBytes} bytes";
            Logs.TimerEnvelopeInvalid(logger, FunctionCatalog.RunForecasts, error);
            await InvocationResponse.WriteAsync(context.Response, StatusCodes.Status400BadRequest, [error], ct).ConfigureAwait(false);
            return;
        }

        var sw = Stopwatch.StartNew();
        ForecastRunResult result;
        try
        {
            result = await runner.RunAsync(time.GetUtcNow(), ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logs.ForecastRunFailed(logger, ex);
            Telemetry.ForecastFailures.Add(1);
            await InvocationResponse.WriteAsync(context.Response, StatusCodes.Status500InternalServerError, [$"forecast run failed: {ex.Message}"], ct).ConfigureAwait(false);
            return;
        }

        var seconds = sw.Elapsed.TotalSeconds;
        Telemetry.ForecastServers.Add(result.Forecast);
        Telemetry.ForecastAtRisk.Record(result.AtRisk);
        Telemetry.ForecastDuration.Record(seconds);
        if (result.ModelProblem is { } problem)
        {
            Logs.ForecastModelUnavailable(logger, problem);
        }

        Logs.ForecastRunCompleted(logger, result.Tick, result.ActiveServers, result.Forecast, result.AtRisk, result.CandidatesRemoved, result.ModelVersion, seconds,
            result.ReadDuration.TotalSeconds, result.ForecastDuration.TotalSeconds, result.StoreDuration.TotalSeconds, invocation!.IsPastDue);
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"tick {result.Tick:O}: {result.ActiveServers} active, {result.Forecast} forecast, {result.AtRisk} at risk, {result.CandidatesRemoved} candidates removed, model {result.ModelVersion}, {seconds:F2} s");
        await InvocationResponse.WriteAsync(context.Response, StatusCodes.Status200OK, result.ModelProblem is null ? [summary] : [summary, result.ModelProblem], ct).ConfigureAwait(false);
    }
}
