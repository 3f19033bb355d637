using System.Text.Json;
using PredictiveMigration.Testing;

namespace PredictiveMigration.Cli.Tests;

public class DurableBenchCliTests(StorageFixture storage)
{
    [Fact(Timeout = 180_000)]
    public async Task BenchDurableJson_SmallRun_LastLineIsOneFlatObjectWithTheContractKeys()
    {
        var env = new Dictionary<string, string> { ["AzureWebJobsStorage"] = storage.Require() };

        var result = await PmProcess.RunAsync(["bench", "durable", "--orchestrations", "8", "--activities", "3", "--json"], env);

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var doc = JsonDocument.Parse(result.LastLine);
        var root = doc.RootElement;
        Assert.Equal(8, root.GetProperty("orchestrations").GetInt32());
        Assert.Equal(8, root.GetProperty("completed").GetInt32());
        Assert.Equal(3, root.GetProperty("activities").GetInt32());
        Assert.Equal(8 * 3, root.GetProperty("latency_samples").GetInt32());
        foreach (var key in new[] { "orchestrations_per_s", "p50_ms", "p99_ms" })
        {
            Assert.True(root.GetProperty(key).GetDouble() > 0, key);
        }

        Assert.True(root.GetProperty("p99_ms").GetDouble() >= root.GetProperty("p50_ms").GetDouble());
        Assert.All(root.EnumerateObject(), p => Assert.Equal(JsonValueKind.Number, p.Value.ValueKind));
    }

    [Theory(Timeout = 60_000)]
    [InlineData(new[] { "bench", "durable", "--orchestrations", "0" }, "--orchestrations must be an integer from 1")]
    [InlineData(new[] { "bench", "durable", "--activities", "many" }, "--activities must be an integer")]
    [InlineData(new[] { "bench", "durable", "--bogus", "1" }, "unknown option: --bogus")]
    public async Task BenchDurable_BadArguments_NameTheProblemAndExit2(string[] args, string expected)
    {
        var result = await PmProcess.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
    }
}
