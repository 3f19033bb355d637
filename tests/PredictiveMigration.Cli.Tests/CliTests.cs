using System.Text.Json;
using PredictiveMigration.Functions.Hosting;
using PredictiveMigration.Testing;

namespace PredictiveMigration.Cli.Tests;

public class CliTests(StorageFixture storage)
{
    [Fact(Timeout = 60_000)]
    public async Task FunctionsEmit_WritesOneFunctionJsonPerDeclaredFunction()
    {
        var dir = Path.Combine(Path.GetTempPath(), "pm-emit-" + Guid.NewGuid().ToString("N"));

        var result = await PmProcess.RunAsync(["functions", "emit", dir]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(FunctionCatalog.All.Select(f => f.Name).Order(), Directory.GetDirectories(dir).Select(Path.GetFileName).Order());
        foreach (var function in FunctionCatalog.All)
        {
            var text = await File.ReadAllTextAsync(Path.Combine(dir, function.Name, "function.json"), TestContext.Current.CancellationToken);
            Assert.Equal(function.ToFunctionJson(), text);
            using var doc = JsonDocument.Parse(text);
            Assert.True(doc.RootElement.GetProperty("bindings").GetArrayLength() > 0);
        }

        Directory.Delete(dir, recursive: true);
    }

    [Fact(Timeout = 60_000)]
    public async Task FunctionsEmit_WithoutDirectory_ExplainsUsageAndExits2()
    {
        var result = await PmProcess.RunAsync(["functions", "emit"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("needs the output directory", result.Stderr, StringComparison.Ordinal);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(new[] { "bench", "ingest", "--servers", "zero" }, "--servers must be an integer")]
    [InlineData(new[] { "bench", "ingest", "--bogus", "1" }, "unknown option: --bogus")]
    [InlineData(new[] { "bench", "nope" }, "unknown benchmark 'nope'")]
    [InlineData(new[] { "sandbox", "--duration", "soon" }, "--duration must look like")]
    [InlineData(new[] { "sandbox", "--speed", "fast" }, "--speed must be a number")]
    [InlineData(new[] { "sandbox", "--servers", "0" }, "--servers must be an integer from 1")]
    [InlineData(new[] { "sandbox", "--trace-dir", "/nonexistent-pm" }, "--trace-dir: no directory")]
    [InlineData(new[] { "fly" }, "unknown command 'fly'")]
    public async Task BadArguments_NameTheProblemAndExit2(string[] args, string expected)
    {
        var result = await PmProcess.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = 180_000)]
    public async Task BenchIngestJson_LastLineIsOneObjectWithTheContractKeys()
    {
        var env = new Dictionary<string, string> { ["AzureWebJobsStorage"] = storage.Require() };

        var result = await PmProcess.RunAsync(["bench", "ingest", "--events", "2000", "--servers", "20", "--batch", "100", "--table-servers", "20", "--table-minutes", "2", "--json"], env);

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var doc = JsonDocument.Parse(result.LastLine);
        var root = doc.RootElement;
        foreach (var key in new[] { "events_per_s", "floor_events_per_s", "ratio", "table_ops_per_1000_events" })
        {
            Assert.True(root.GetProperty(key).GetDouble() > 0, key);
        }

        Assert.Equal(root.GetProperty("events_per_s").GetDouble() / root.GetProperty("floor_events_per_s").GetDouble(), root.GetProperty("ratio").GetDouble(), 2);
        Assert.Equal(20 * 2 * 6, root.GetProperty("table_events").GetInt32());
        Assert.All(root.EnumerateObject(), p => Assert.Equal(JsonValueKind.Number, p.Value.ValueKind));
    }

    [Fact(Timeout = 300_000)]
    public async Task Sandbox_ShortRun_DrivesTheFleetThroughTheAppProcessAndWritesTheReport()
    {
        // The whole main job, small: its own Azurite (in memory), the sandbox cloud, the app as a child process, the
        // trigger host and 8 simulated servers at 600x (a simulated day in 2.4 minutes) for 60 s of real time.
        var work = Path.Combine(Path.GetTempPath(), "pm-sandbox-" + Guid.NewGuid().ToString("N")[..8]);
        var report = Path.Combine(work, "report");
        try
        {
            var result = await PmProcess.RunAsync(
                ["sandbox", "--servers", "8", "--duration", "60s", "--speed", "600", "--port", "0", "--work", Path.Combine(work, "run"), "--report", report],
                timeout: TimeSpan.FromMinutes(4));

            Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}\n{result.Stdout}\n{result.Stderr}");
            Assert.Contains("dashboard http://127.0.0.1:", result.Stdout, StringComparison.Ordinal);
            Assert.Contains("durable backend running", result.Stdout, StringComparison.Ordinal);
            Assert.Contains("traffic   http://127.0.0.1:", result.Stdout, StringComparison.Ordinal);
            Assert.Contains("| forecasts ", result.Stdout, StringComparison.Ordinal);
            using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(report, "report.json"), TestContext.Current.CancellationToken));
            var root = doc.RootElement;
            foreach (var key in new[] { "events_ingested", "forecasts", "servers_at_risk", "migrations_completed", "migrations_rolled_back", "exhaustion_events",
                                        "exhaustion_events_counterfactual", "downtime_seconds", "cost_delta_per_month" })
            {
                Assert.True(root.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Number, $"report.json lacks the number '{key}': {root}");
            }

            // A day of history (8 x 1,440 samples) plus the live run went through the emulated event hub into the app.
            Assert.True(root.GetProperty("events_ingested").GetInt64() >= 8 * 1440, root.ToString());
            Assert.True(root.GetProperty("events_ingested").GetInt64() <= root.GetProperty("events_sent").GetInt64(), root.ToString());
            Assert.True(root.GetProperty("forecast_runs").GetInt64() > 0 && root.GetProperty("forecasts").GetInt64() >= root.GetProperty("forecast_runs").GetInt64(), root.ToString());
            Assert.True(root.GetProperty("simulated_hours").GetDouble() > 4, root.ToString());
            Assert.Equal(8, root.GetProperty("servers").GetInt32());
            Assert.Equal(0, root.GetProperty("migrations_failed").GetInt32());

            // User traffic went through the proxy that follows the cloud's traffic profiles, to every server.
            Assert.True(root.GetProperty("requests_sent").GetInt64() >= 8 * 30, root.ToString());
            Assert.InRange(root.GetProperty("requests_failed").GetInt64(), 0, root.GetProperty("requests_sent").GetInt64());
            // Per model, the scored points add up to the total.
            var byModel = root.GetProperty("forecast_cpu_by_model").EnumerateObject().ToList();
            Assert.Equal(root.GetProperty("forecast_points_scored").GetInt32(), byModel.Sum(m => m.Value.GetProperty("points").GetInt32()));
            var markdown = await File.ReadAllTextAsync(Path.Combine(report, "report.md"), TestContext.Current.CancellationToken);
            Assert.Contains("# Sandbox run", markdown, StringComparison.Ordinal);
            Assert.Contains("![progress](progress.svg)", markdown, StringComparison.Ordinal);
            foreach (var chart in new[] { "progress.svg", "outcomes.svg", "ingest.svg" })
            {
                var svg = await File.ReadAllTextAsync(Path.Combine(report, chart), TestContext.Current.CancellationToken);
                Assert.StartsWith("<svg", svg, StringComparison.Ordinal);
            }

            Assert.Contains("<path", await File.ReadAllTextAsync(Path.Combine(report, "ingest.svg"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Cloud_PrintsItsEndpointAndTheThumbprintOfTheCertificateItWrote()
    {
        var state = Path.Combine(Path.GetTempPath(), $"pm-cloud-{Guid.NewGuid():N}.json");

        var result = await PmProcess.RunAsync(["cloud", "--port", "0", "--duration", "1s", "--state", state]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var lines = result.Stdout.Split('\n').Select(l => l.Trim()).ToList();
        var endpoint = lines.Single(l => l.StartsWith("endpoint", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var thumbprint = lines.Single(l => l.StartsWith("thumbprint", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        Assert.StartsWith("https://127.0.0.1:", endpoint, StringComparison.Ordinal);
        using var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.ChangeExtension(state, ".crt"), TestContext.Current.CancellationToken));
        Assert.Equal(certificate.Thumbprint, thumbprint);
    }

    [Fact(Timeout = 120_000)]
    public async Task BenchPlacementJson_LastLineHasTheContractKeys()
    {
        var result = await PmProcess.RunAsync(["bench", "placement", "--servers", "500", "--targets", "50", "--cases", "20", "--json"]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var doc = JsonDocument.Parse(result.LastLine);
        Assert.Equal(500, doc.RootElement.GetProperty("servers").GetInt32());
        Assert.Equal(50, doc.RootElement.GetProperty("targets").GetInt32());
        Assert.True(doc.RootElement.GetProperty("seconds").GetDouble() > 0);
        Assert.True(doc.RootElement.GetProperty("peak_mb").GetDouble() > 0);
        Assert.InRange(doc.RootElement.GetProperty("optimality_gap").GetDouble(), 0, 1);
    }
}
