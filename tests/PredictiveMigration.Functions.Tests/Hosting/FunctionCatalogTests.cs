using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using PredictiveMigration.Functions.Hosting;
using PredictiveMigration.Functions.Hosting.Bindings;
using PredictiveMigration.Sandbox.Azurite;

namespace PredictiveMigration.Functions.Tests.Hosting;

public class FunctionCatalogTests
{
    private static async Task<List<RouteEndpoint>> MappedEndpointsAsync()
    {
        // Routes are read from the real app; storage is never touched (nothing is resolved lazily until a request).
        await using var app = FunctionsApp.Build(["--urls", "http://127.0.0.1:0", "--AzureWebJobsStorage", "UseDevelopmentStorage=true"]);
        return [.. ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()];
    }

    [Fact]
    public async Task Routes_EveryDeclaredFunctionIsMappedAtItsDeclaredPathAndMethods()
    {
        var endpoints = await MappedEndpointsAsync();

        foreach (var declaration in FunctionCatalog.All)
        {
            var mapped = endpoints.Where(e => e.Metadata.GetMetadata<FunctionNameMetadata>()?.Name == declaration.Name).ToList();
            var endpoint = Assert.Single(mapped, e => "/" + e.RoutePattern.RawText!.TrimStart('/') == declaration.RoutePattern);
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods;
            Assert.Equal(declaration.HttpMethods.Order(), methods.Order());

            // An HTTP function invoked through the envelope (it has a durableClient binding) is also served at its
            // public route for local runs, with the trigger's methods.
            if (!declaration.IsForwardedHttp && declaration.Bindings.OfType<HttpTriggerBinding>().SingleOrDefault() is { } trigger)
            {
                var local = Assert.Single(mapped, e => e != endpoint);
                Assert.Equal($"/{FunctionDeclaration.RoutePrefix}/{trigger.Route}", "/" + local.RoutePattern.RawText!.TrimStart('/'));
                Assert.Equal(trigger.Methods.Select(m => m.ToUpperInvariant()).Order(), local.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Order());
            }
            else
            {
                Assert.Single(mapped);
            }
        }
    }

    [Fact]
    public async Task Routes_EveryMappedRouteExceptTheReadinessProbeIsADeclaredFunction()
    {
        var endpoints = await MappedEndpointsAsync();

        var undeclared = endpoints.Where(e => e.Metadata.GetMetadata<FunctionNameMetadata>() is null).Select(e => e.RoutePattern.RawText).ToList();

        Assert.Equal(["/"], undeclared);
    }

    [Fact]
    public void Declarations_NamesAreUniqueAndValidFolderNames()
    {
        var names = FunctionCatalog.All.Select(f => f.Name).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(names, n => Assert.Matches("^[A-Za-z][A-Za-z0-9_-]{0,127}$", n));
    }

    [Fact]
    public void IngestMetrics_FunctionJson_IsABatchStringEventHubTriggerWithEndlessExponentialRetry()
    {
        using var doc = JsonDocument.Parse(FunctionCatalog.Get(FunctionCatalog.IngestMetrics).ToFunctionJson());
        var binding = doc.RootElement.GetProperty("bindings").EnumerateArray().Single();
        var retry = doc.RootElement.GetProperty("retry");

        Assert.Equal("eventHubTrigger", binding.GetProperty("type").GetString());
        Assert.Equal("in", binding.GetProperty("direction").GetString());
        Assert.Equal("events", binding.GetProperty("name").GetString());
        Assert.Equal("many", binding.GetProperty("cardinality").GetString());
        Assert.Equal("string", binding.GetProperty("dataType").GetString());
        Assert.Equal("EventHubConnection", binding.GetProperty("connection").GetString());
        Assert.Equal("exponentialBackoff", retry.GetProperty("strategy").GetString());
        Assert.Equal(-1, retry.GetProperty("maxRetryCount").GetInt32());
        Assert.Equal("00:00:05", retry.GetProperty("minimumInterval").GetString());
        Assert.Equal("00:05:00", retry.GetProperty("maximumInterval").GetString());
    }

    [Fact]
    public void HttpFunctions_AreForwardedHttpInAndOut_UnlessTheyNeedADurableClient()
    {
        var withClient = 0;
        foreach (var declaration in FunctionCatalog.All.Where(f => f.Trigger is HttpTriggerBinding))
        {
            using var doc = JsonDocument.Parse(declaration.ToFunctionJson());
            var types = doc.RootElement.GetProperty("bindings").EnumerateArray().Select(b => b.GetProperty("type").GetString()).ToList();
            if (declaration.Bindings.OfType<DurableClientBinding>().Any())
            {
                withClient++;
                Assert.False(declaration.IsForwardedHttp, declaration.Name);
                Assert.Equal(["httpTrigger", "durableClient", "http"], types);
                Assert.Equal("/" + declaration.Name, declaration.RoutePattern);
            }
            else
            {
                Assert.True(declaration.IsForwardedHttp, declaration.Name);
                Assert.Equal(["httpTrigger", "http"], types);
            }
        }

        Assert.True(withClient >= 4, "the migration writes (create, approve, reject, cancel) carry a durableClient binding");
    }

    [Fact]
    public void HostJson_RoutePrefixAndCustomHandlerMatchTheApp()
    {
        var root = RepositoryRoot.Find()!;
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "host.json")));

        Assert.Equal(FunctionDeclaration.RoutePrefix, host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        var handler = host.RootElement.GetProperty("customHandler");
        Assert.True(handler.GetProperty("enableForwardingHttpRequest").GetBoolean());
        Assert.Equal("PredictiveMigration.Functions", handler.GetProperty("description").GetProperty("defaultExecutablePath").GetString());
        Assert.Equal("[4.*, 5.0.0)", host.RootElement.GetProperty("extensionBundle").GetProperty("version").GetString());
    }
}
