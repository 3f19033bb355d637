using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using PredictiveMigration.Functions;
using PredictiveMigration.Functions.Hosting;
using PredictiveMigration.Sandbox.Azurite;

namespace PredictiveMigration.Deployment.Tests;

/// <summary>The package <c>scripts/publish.sh</c> builds is what the Functions host needs, and infra/ configures what it reads.</summary>
public partial class PackageTests(PackageFixture package) : IClassFixture<PackageFixture>
{
    private static readonly string Root = RepositoryRoot.Find()!;

    private static readonly HashSet<string> HttpMethods = ["get", "post", "put", "delete", "patch", "head", "options", "trace"];

    private IEnumerable<string> FunctionFolders() =>
        System.IO.Directory.GetDirectories(package.Directory).Where(d => File.Exists(Path.Combine(d, "function.json")));

    [Fact]
    public void Package_HasHostJsonAtItsRootAndAFolderPerDeclaredFunction()
    {
        Assert.True(File.Exists(Path.Combine(package.Directory, "host.json")));
        Assert.Equal(FunctionCatalog.All.Select(f => f.Name).Order(), FunctionFolders().Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Package_ContainsTheExecutableNamedInHostJsonWithItsExecutableBit()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(package.Directory, "host.json")));
        var executable = host.RootElement.GetProperty("customHandler").GetProperty("description").GetProperty("defaultExecutablePath").GetString()!;

        var path = Path.Combine(package.Directory, executable);

        Assert.True(File.Exists(path), path);
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("the package is linux-x64; its executable bit is checked on Linux");
        }
        else
        {
            Assert.True((File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0, "the executable bit must survive");
        }
    }

    [Fact]
    public void FunctionJson_EveryBindingIsValidForItsType()
    {
        foreach (var folder in FunctionFolders())
        {
            var name = Path.GetFileName(folder);
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "function.json")));
            var bindings = doc.RootElement.GetProperty("bindings").EnumerateArray().ToList();
            Assert.Single(bindings, b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            Assert.Equal(bindings.Count, bindings.Select(b => b.GetProperty("name").GetString()).Distinct().Count());
            foreach (var b in bindings)
            {
                AssertValid(name, b);
            }

            if (doc.RootElement.TryGetProperty("retry", out var retry))
            {
                AssertValidRetry(name, retry);
            }
        }
    }

    private static void AssertValid(string function, JsonElement b)
    {
        var type = b.GetProperty("type").GetString();
        var direction = b.GetProperty("direction").GetString();
        string Prop(string p) => b.TryGetProperty(p, out var v) ? v.GetString() ?? string.Empty : string.Empty;
        switch (type)
        {
            case "eventHubTrigger":
                Assert.Equal("in", direction);
                Assert.NotEmpty(Prop("eventHubName"));
                Assert.NotEmpty(Prop("connection"));
                Assert.Contains(Prop("cardinality"), new[] { "one", "many" });
                Assert.Contains(Prop("dataType"), new[] { "string", "binary" });
                break;
            case "httpTrigger":
                Assert.Equal("in", direction);
                Assert.Contains(Prop("authLevel"), new[] { "anonymous", "function", "admin" });
                Assert.False(Prop("route").StartsWith('/'), $"{function}: routes are relative to the route prefix");
                var methods = b.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!).ToList();
                Assert.NotEmpty(methods);
                Assert.All(methods, m => Assert.Contains(m, HttpMethods));
                break;
            case "http":
                Assert.Equal("out", direction);
                break;
            case "timerTrigger":
                Assert.Equal("in", direction);
                // A %Setting% (resolved by the host from app settings) or a six-field NCRONTAB expression (with seconds).
                Assert.Matches(@"^(%[A-Za-z0-9_]+%|\S+( \S+){5})$", Prop("schedule"));
                if (b.TryGetProperty("runOnStartup", out var startup))
                {
                    Assert.Equal(JsonValueKind.False, startup.ValueKind);
                }

                break;
            case "orchestrationTrigger":
            case "activityTrigger":
                // Durable triggers (PROTOCOL.md §3): input only, named as the routes decode them, nothing else set.
                Assert.Equal("in", direction);
                Assert.Equal(type == "orchestrationTrigger" ? "context" : "input", b.GetProperty("name").GetString());
                Assert.Equal(3, b.EnumerateObject().Count());
                break;
            case "durableClient":
                Assert.Equal("in", direction);
                Assert.Equal("starter", b.GetProperty("name").GetString());
                break;
            default:
                Assert.Fail($"{function}: binding type '{type}' has no validation rule here; add one");
                break;
        }
    }

    private static void AssertValidRetry(string function, JsonElement retry)
    {
        var strategy = retry.GetProperty("strategy").GetString();
        Assert.True(retry.GetProperty("maxRetryCount").GetInt32() >= -1, function);
        string[] intervals = strategy switch
        {
            "exponentialBackoff" => ["minimumInterval", "maximumInterval"],
            "fixedDelay" => ["delayInterval"],
            _ => throw new Xunit.Sdk.XunitException($"{function}: unknown retry strategy '{strategy}'"),
        };
        Assert.All(intervals, i => Assert.Matches(@"^\d{2}:\d{2}:\d{2}$", retry.GetProperty(i).GetString()!));
    }

    [Fact]
    public void AppSettings_EverySettingTheAppAndItsBindingsReadIsSetByTheBicep()
    {
        var settings = AppSetting().Matches(File.ReadAllText(Path.Combine(Root, "infra", "app", "function.bicep"))).Select(m => m.Groups[1].Value).ToHashSet();
        var missing = new List<string>();
        foreach (var folder in FunctionFolders())
        {
            var text = File.ReadAllText(Path.Combine(folder, "function.json"));
            foreach (Match placeholder in Placeholder().Matches(text))
            {
                Require(placeholder.Groups[1].Value);
            }

            using var doc = JsonDocument.Parse(text);
            foreach (var b in doc.RootElement.GetProperty("bindings").EnumerateArray())
            {
                if (b.TryGetProperty("connection", out var c))
                {
                    RequireConnection(c.GetString()!);
                }
            }
        }

        foreach (var setting in FunctionsApp.RequiredSettings)
        {
            RequireConnection(setting);
        }

        Assert.Empty(missing);
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", settings);
        Assert.DoesNotContain("FUNCTIONS_EXTENSION_VERSION", settings);
        Assert.DoesNotContain(settings, s => s.Contains("Key", StringComparison.OrdinalIgnoreCase) && !s.EndsWith("__credential", StringComparison.Ordinal));

        void Require(string name)
        {
            if (!settings.Contains(name))
            {
                missing.Add(name);
            }
        }

        // A connection is the setting itself (a connection string) or its identity-based children.
        void RequireConnection(string name)
        {
            if (!settings.Contains(name) && !settings.Any(s => s.StartsWith(name + "__", StringComparison.Ordinal)))
            {
                missing.Add(name);
            }
            else if (!settings.Contains(name))
            {
                Require(name + "__credential");
                Require(name + "__clientId");
            }
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Executable_StartsAndAnswersOnTheCustomHandlerPort()
    {
        var port = FreePort();
        var psi = new ProcessStartInfo(Path.Combine(package.Directory, "PredictiveMigration.Functions"))
        {
            WorkingDirectory = package.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        psi.Environment["AzureWebJobsStorage"] = "UseDevelopmentStorage=true";
        using var process = Process.Start(psi)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            HttpResponseMessage? response = null;
            var deadline = Stopwatch.StartNew();
            while (response is null && deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                Assert.False(process.HasExited, "the handler exited at start");
                try
                {
                    response = await client.GetAsync($"http://127.0.0.1:{port}/", TestContext.Current.CancellationToken);
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(100, TestContext.Current.CancellationToken);
                }
            }

            Assert.NotNull(response);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("IngestMetrics", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [GeneratedRegex(@"\{\s*name:\s*'([^']+)'")]
    private static partial Regex AppSetting();

    [GeneratedRegex("%([A-Za-z0-9_]+)%")]
    private static partial Regex Placeholder();
}
