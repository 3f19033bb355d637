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

    [Fact(Timeout = 180_000)]
    public async Task Sandbox_WithDuration_ServesTheFunctionsAndStopsByItself()
    {
        var env = new Dictionary<string, string> { ["AzureWebJobsStorage"] = storage.Require() };

        var result = await PmProcess.RunAsync(["sandbox", "--port", "0", "--duration", "2s"], env);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("/api/metrics", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("IngestMetrics (eventHubTrigger)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Stopping...", result.Stdout, StringComparison.Ordinal);
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
