using System.Diagnostics;
using System.Globalization;
using PredictiveMigration.Cli.Sandbox;
using PredictiveMigration.Sandbox.Azurite;

namespace PredictiveMigration.Cli.Commands;

/// <summary>
/// <c>pm sandbox [--servers 50] [--duration 3m] [--report DIR] [--trace-dir DIR] [--speed 288] [--port 7071] [--seed 42]
/// [--history 1d] [--work DIR]</c>: the whole product on one machine (<see cref="SandboxWorld"/>), live progress on the
/// console until Ctrl-C or <c>--duration</c> (wall-clock), then the report (docs/sandbox.md).
/// </summary>
internal static class SandboxCommand
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ForecastSampleInterval = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(CommandLine line, CancellationToken cancellationToken)
    {
        var settings = SandboxSettings.Parse(line, Path.Combine(RepositoryRoot.Find() ?? Directory.GetCurrentDirectory(), ".sandbox", "run"));
        var wall = Stopwatch.StartNew();
        Console.WriteLine("PredictiveMigration sandbox");
        SandboxMonitor? monitor = null;
        SandboxWorld started;
        try
        {
            started = await SandboxWorld.StartAsync(settings, Console.Out, (f, o) => monitor?.Observe(f, o), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or HttpRequestException or global::Azure.RequestFailedException or TimeoutException)
        {
            Console.Error.WriteLine($"pm sandbox: could not start: {ex.Message}");
            return 1;
        }

        await using var world = started;
        using var api = new HttpClient { BaseAddress = world.AppUrl, Timeout = TimeSpan.FromSeconds(60) };
        api.DefaultRequestHeaders.Add("x-functions-key", world.ApiKey);
        monitor = new SandboxMonitor(api, world.Clock);

        Console.WriteLine();
        Console.WriteLine($"  dashboard {world.AppUrl}api/dashboard/?key={world.ApiKey}");
        Console.WriteLine($"  API       {world.AppUrl}api/servers (header x-functions-key: {world.ApiKey}); OpenAPI {world.AppUrl}api/openapi.json");
        Console.WriteLine(settings.Duration is { } d
            ? string.Create(CultureInfo.InvariantCulture, $"Running for {d} (about {d * settings.Speed:d\\.hh\\:mm} simulated). Ctrl-C stops early.")
            : "Running. Ctrl-C stops.");

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (settings.Duration is { } duration)
        {
            stop.CancelAfter(duration);
        }

        var exit = 0;
        var nextForecastSample = TimeSpan.Zero;
        try
        {
            using var timer = new PeriodicTimer(ProgressInterval);
            while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false))
            {
                if (!world.AppRunning)
                {
                    Console.Error.WriteLine($"The app exited (code {world.AppExitCode}); see {world.AppLogPath}");
                    exit = 1;
                    break;
                }

                await PrintProgressAsync(world, monitor, stop.Token).ConfigureAwait(false);
                if (wall.Elapsed >= nextForecastSample)
                {
                    nextForecastSample = wall.Elapsed + ForecastSampleInterval;
                    await TryAsync(() => monitor.CollectForecastsAsync(8, stop.Token)).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }

        Console.WriteLine(cancellationToken.IsCancellationRequested ? "Stopping (Ctrl-C)..." : "Stopping...");
        await world.StopAgentsAsync().ConfigureAwait(false);
        await world.Traffic.StopAsync().ConfigureAwait(false);
        if (exit == 0)
        {
            // One last look, then the figures (Ctrl-C skips the report: the user asked to stop).
            await PrintProgressAsync(world, monitor, CancellationToken.None).ConfigureAwait(false);
            if (settings.ReportDirectory is { } dir && !cancellationToken.IsCancellationRequested)
            {
                Console.WriteLine("Writing the report (includes the counterfactual run with prediction off)...");
                using var reportTimeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
                var (figures, live, counterfactual) = await SandboxReport.GatherAsync(world, monitor, api, wall.Elapsed, reportTimeout.Token).ConfigureAwait(false);
                await SandboxReport.WriteAsync(dir, figures, live, counterfactual, monitor, reportTimeout.Token).ConfigureAwait(false);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  exhaustion events {figures.ExhaustionEvents} (prediction off: {figures.ExhaustionEventsCounterfactual}); migrations {figures.MigrationsCompleted} completed, {figures.MigrationsRolledBack} rolled back; downtime {figures.DowntimeSeconds / 60:0} min (off: {figures.DowntimeSecondsCounterfactual / 60:0}); cost delta {figures.CostDeltaPerMonth:+0.00;-0.00;0}/month"));
                Console.WriteLine($"  report    {Path.GetFullPath(Path.Combine(dir, "report.md"))}");
            }
        }

        return exit;
    }

    private static async Task PrintProgressAsync(SandboxWorld world, SandboxMonitor monitor, CancellationToken ct)
    {
        var events = world.EventsIngested;
        ProgressSample? sample = null;
        await TryAsync(async () => sample = await monitor.PollAsync(events, ct).ConfigureAwait(false)).ConfigureAwait(false);
        var now = world.Clock.GetUtcNow();
        var pending = world.Agents.EventsPending + Math.Max(0, world.Agents.EventsSent - events);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  [{now:MM-dd HH:mm}] events {events:N0}{(pending > 1000 ? $" (+{pending:N0} not yet ingested)" : "")} | forecasts {monitor.Forecasts:N0}{(monitor.ForecastRuns > 0 ? $" ({monitor.LastRunSeconds:0.0} s a run, model {monitor.LastModel})" : "")} | at risk {monitor.AtRisk} | traffic {world.Traffic.Sent:N0} requests, {world.Traffic.Failed:N0} failed | {(sample is null ? "migrations: (the app did not answer)" : $"migrations {sample.Active} running, {sample.Completed} completed, {sample.RolledBack} rolled back{(sample.Failed > 0 ? $", {sample.Failed} failed" : "")}")}"));
    }

    private static async Task TryAsync(Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            // The app is busy or restarting: the next poll tries again.
        }
    }
}
