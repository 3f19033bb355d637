using System.Text;
using System.Text.Json;
using PredictiveMigration.Durable.Storage.Grpc;

namespace PredictiveMigration.Durable.Storage.Tests.Grpc;

public class DurableClientBindingPayloadTests
{
    private const string Inner = "{\"taskHubName\":\"PmHub\",\"connectionName\":null,\"rpcBaseUrl\":\"http://127.0.0.1:30123/\",\"requiredQueryStringParameters\":\"code=abc\",\"httpBaseUrl\":\"https://app.azurewebsites.net/runtime/webhooks/durabletask\"}";

    [Fact]
    public void FromEnvelope_DoubleEncodedStarter_ReadsEveryField()
    {
        // The host holds the payload as a string and JSON-encodes it once more (PROTOCOL.md §0, §3.4).
        string envelope = "{\"Data\":{\"req\":{},\"starter\":" + JsonSerializer.Serialize(JsonSerializer.Serialize(Inner)) + "},\"Metadata\":{}}";

        DurableClientBindingPayload payload = DurableClientBindingPayload.FromEnvelope(Encoding.UTF8.GetBytes(envelope));

        Assert.Equal("PmHub", payload.TaskHubName);
        Assert.Null(payload.ConnectionName);
        Assert.Equal(new Uri("http://127.0.0.1:30123/"), payload.RpcBaseUrl);
        Assert.Equal("code=abc", payload.RequiredQueryStringParameters);
        Assert.Equal(new Uri("https://app.azurewebsites.net/runtime/webhooks/durabletask"), payload.HttpBaseUrl);
    }

    [Fact]
    public void Parse_SingleEncodedOrPlainObjectText_IsTolerated()
    {
        Assert.Equal(30123, DurableClientBindingPayload.Parse(JsonSerializer.Serialize(Inner)).RpcBaseUrl.Port);
        Assert.Equal(30123, DurableClientBindingPayload.Parse(Inner).RpcBaseUrl.Port);
    }

    [Fact]
    public void FromEnvelope_EmbeddedObject_IsTolerated()
    {
        string envelope = "{\"Data\":{\"starter\":" + Inner + "}}";

        Assert.Equal("PmHub", DurableClientBindingPayload.FromEnvelope(Encoding.UTF8.GetBytes(envelope)).TaskHubName);
    }

    [Theory]
    [InlineData("{\"taskHubName\":\"PmHub\"}", "no rpcBaseUrl")]
    [InlineData("{\"rpcBaseUrl\":\"localhost:4001\"}", "not an absolute http(s) URL")]
    [InlineData("[1]", "not an object")]
    [InlineData("{nope", "not JSON")]
    public void Parse_NotAV2Payload_ExplainsWhy(string value, string expected)
    {
        var error = Assert.Throws<FormatException>(() => DurableClientBindingPayload.Parse(value));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEnvelope_NoStarterBinding_NamesIt()
    {
        var error = Assert.Throws<FormatException>(() => DurableClientBindingPayload.FromEnvelope(Encoding.UTF8.GetBytes("{\"Data\":{}}")));

        Assert.Contains("Data.starter", error.Message, StringComparison.Ordinal);
    }
}
