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
            var endpoint = Assert.Single(endpoints, e => e.Metadata.GetMetadata<FunctionNameMetadata>()?.Name == declaration.Name);
            Assert.Equal(declaration.RoutePattern, "/" + endpoint.RoutePattern.RawText!.TrimStart('/'));
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods;
            Assert.Equal(declaration.HttpMethods.Order(), methods.Order());
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
    public void HttpFunctions_AreForwardedHttpInAndOut()
    {
        foreach (var declaration in FunctionCatalog.All.Where(f => f.Trigger is HttpTriggerBinding))
        {
            Assert.True(declaration.IsForwardedHttp, declaration.Name);
            using var doc = JsonDocument.Parse(declaration.ToFunctionJson());
            var types = doc.RootElement.GetProperty("bindings").EnumerateArray().Select(b => b.GetProperty("type").GetString()).ToList();
            Assert.Equal(["httpTrigger", "http"], types);
        }
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
