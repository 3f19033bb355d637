using System.Text.Json;
using PredictiveMigration.Functions.Hosting;
using PredictiveMigration.Functions.Hosting.Bindings;

namespace PredictiveMigration.Functions.Tests.Hosting;

public class DurableBindingTests
{
    private static string Json(BindingDeclaration binding)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            binding.Write(writer);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public void OrchestrationTrigger_Defaults_WritesExactlyTheProtocolBinding()
    {
        Assert.Equal("{\"name\":\"context\",\"type\":\"orchestrationTrigger\",\"direction\":\"in\"}", Json(new OrchestrationTriggerBinding()));
    }

    [Fact]
    public void ActivityTrigger_Defaults_WritesExactlyTheProtocolBinding()
    {
        Assert.Equal("{\"name\":\"input\",\"type\":\"activityTrigger\",\"direction\":\"in\"}", Json(new ActivityTriggerBinding()));
    }

    [Fact]
    public void DurableClient_Defaults_WritesExactlyTheProtocolBinding()
    {
        Assert.Equal("{\"name\":\"starter\",\"type\":\"durableClient\",\"direction\":\"in\"}", Json(new DurableClientBinding()));
    }

    [Fact]
    public void DurableClient_WithTaskHubAndConnection_WritesBoth()
    {
        Assert.Equal(
            "{\"name\":\"starter\",\"type\":\"durableClient\",\"direction\":\"in\",\"taskHub\":\"PmHub\",\"connectionName\":\"DurableStorage\"}",
            Json(new DurableClientBinding(TaskHub: "PmHub", ConnectionName: "DurableStorage")));
    }

    [Fact]
    public void DurableTriggers_AreTriggersAndTheClientIsNot()
    {
        Assert.True(new OrchestrationTriggerBinding().IsTrigger);
        Assert.True(new ActivityTriggerBinding().IsTrigger);
        Assert.False(new DurableClientBinding().IsTrigger);
    }

    [Fact]
    public void OrchestratorFunction_FunctionJson_HasOnlyTheTriggerAndNoReturnBinding()
    {
        var function = new FunctionDeclaration("MigrateServer", [new OrchestrationTriggerBinding()]);

        using JsonDocument document = JsonDocument.Parse(function.ToFunctionJson());
        JsonElement binding = Assert.Single(document.RootElement.GetProperty("bindings").EnumerateArray());
        Assert.Equal("orchestrationTrigger", binding.GetProperty("type").GetString());
        Assert.Equal("/MigrateServer", function.RoutePattern);
        Assert.Equal(["POST"], function.HttpMethods);
    }

    [Fact]
    public void HttpStarter_WithDurableClient_IsNotForwardedSoItGetsTheEnvelope()
    {
        var starter = new FunctionDeclaration("StartMigration", [new HttpTriggerBinding("req", "migrations", ["post"]), new HttpOutputBinding(), new DurableClientBinding()]);

        Assert.False(starter.IsForwardedHttp);
        Assert.Equal("/StartMigration", starter.RoutePattern);
    }
}
