using System.Text;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using PredictiveMigration.Durable.Protobuf;
using PredictiveMigration.Durable.Routes;
using PredictiveMigration.Durable.Storage.Backend;

namespace PredictiveMigration.Durable.Storage.Tests.Backend;

/// <summary>The backend speaks the host's envelopes: checked against the real route decoders of PredictiveMigration.Durable.</summary>
public class HostEnvelopesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void OrchestratorRequestBody_DecodedByTheOrchestratorRoute_GivesTheSameRequest()
    {
        var request = new OrchestratorRequest
        {
            InstanceId = "i1",
            NewEvents = { new HistoryEvent { EventId = -1, Timestamp = Timestamp.FromDateTimeOffset(Now), OrchestratorStarted = new OrchestratorStartedEvent() } },
        };

        byte[] body = HostEnvelopes.OrchestratorRequestBody("Migrate", request, Now, Guid.Empty);

        Assert.Equal(request, OrchestratorRoute.DecodeRequest(body));
        using JsonDocument document = JsonDocument.Parse(body);
        string context = document.RootElement.GetProperty("Data").GetProperty("context").GetString()!;
        Assert.StartsWith("\"", context, StringComparison.Ordinal);
        Assert.Equal("Migrate", document.RootElement.GetProperty("Metadata").GetProperty("sys").GetProperty("MethodName").GetString());
    }

    [Fact]
    public void ActivityRequestBody_StringInput_IsEncodedTwiceAsTheHostDoes()
    {
        byte[] body = HostEnvelopes.ActivityRequestBody("Greet", "abc123", "\"Tokyo\"", Now, Guid.Empty);

        string text = Encoding.UTF8.GetString(body);
        Assert.Contains("\"input\":\"\\\"\\\\\\\"Tokyo\\\\\\\"\\\"\"", text, StringComparison.Ordinal);
        Assert.Contains("\"instanceId\":\"\\\"abc123\\\"\"", text, StringComparison.Ordinal);
        Assert.Equal(new ActivityInvocation("\"Tokyo\"", "abc123"), ActivityRoute.DecodeRequest(body));
    }

    [Fact]
    public void ActivityRequestBody_NullInput_IsTheStringNull()
    {
        byte[] body = HostEnvelopes.ActivityRequestBody("Greet", "abc123", null, Now, Guid.Empty);

        using JsonDocument document = JsonDocument.Parse(body);
        Assert.Equal("null", document.RootElement.GetProperty("Data").GetProperty("input").GetString());
        Assert.False(document.RootElement.GetProperty("Metadata").TryGetProperty("data", out _));
        Assert.Null(ActivityRoute.DecodeRequest(body).InputJson);
    }

    [Fact]
    public void ActivityRequestBody_ObjectInput_EmbedsMetadataDataAsAnObject()
    {
        byte[] body = HostEnvelopes.ActivityRequestBody("Add", "abc123", "{\"x\":1}", Now, Guid.Empty);

        using JsonDocument document = JsonDocument.Parse(body);
        Assert.Equal(JsonValueKind.Object, document.RootElement.GetProperty("Metadata").GetProperty("data").ValueKind);
        Assert.Equal("{\"x\":1}", ActivityRoute.DecodeRequest(body).InputJson);
    }

    [Fact]
    public void DecodeOrchestratorResponse_WhatTheRouteEncodes_RoundTrips()
    {
        var response = new OrchestratorResponse { InstanceId = "i1", CustomStatus = "\"busy\"" };

        OrchestratorResponse decoded = HostEnvelopes.DecodeOrchestratorResponse(Encoding.UTF8.GetBytes(OrchestratorRoute.EncodeResponse(response)));

        Assert.Equal(response, decoded);
    }

    [Fact]
    public void DecodeOrchestratorResponse_QuotedBase64_IsAccepted()
    {
        var response = new OrchestratorResponse { InstanceId = "i1" };
        string quoted = JsonSerializer.Serialize(JsonSerializer.Serialize(Convert.ToBase64String(Google.Protobuf.MessageExtensions.ToByteArray(response))));

        OrchestratorResponse decoded = HostEnvelopes.DecodeOrchestratorResponse(Encoding.UTF8.GetBytes("{\"ReturnValue\":" + quoted + "}"));

        Assert.Equal("i1", decoded.InstanceId);
    }

    [Theory]
    [InlineData("{\"ReturnValue\":42}")]
    [InlineData("{\"ReturnValue\":\"\"}")]
    [InlineData("{\"Outputs\":{}}")]
    [InlineData("{\"ReturnValue\":\"not base64!\"}")]
    [InlineData("not json")]
    public void DecodeOrchestratorResponse_AnythingButBase64String_IsAFormatException(string body)
    {
        Assert.Throws<FormatException>(() => HostEnvelopes.DecodeOrchestratorResponse(Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public async Task DecodeActivityResult_TheRoutesEnvelope_IsReserializedCompactly()
    {
        var registry = new DurableTaskRegistry().AddActivity<int, int>("Twice", (_, i, _) => Task.FromResult(i * 2));
        RouteResponse response = await new ActivityRoute(registry).HandleAsync("Twice", HostEnvelopes.ActivityRequestBody("Twice", "i1", "21", Now, Guid.Empty), TestContext.Current.CancellationToken);

        string? result = HostEnvelopes.DecodeActivityResult(Encoding.UTF8.GetBytes(response.Body));

        Assert.Equal("{\"pmActivityResult\":1,\"ok\":true,\"output\":\"42\"}", result);
        Assert.Equal("42", ActivityResultEnvelope.Decode(result).OutputJson);
    }

    [Theory]
    [InlineData("{}", null)]
    [InlineData("{\"ReturnValue\":null}", null)]
    [InlineData("{\"returnValue\":\"Hello\"}", "\"Hello\"")]
    [InlineData("{\"ReturnValue\": { \"a\" : [1, 2] }}", "{\"a\":[1,2]}")]
    public void DecodeActivityResult_PlainValues_AsTheExtensionRecordsThem(string body, string? expected)
    {
        Assert.Equal(expected, HostEnvelopes.DecodeActivityResult(Encoding.UTF8.GetBytes(body)));
    }
}
