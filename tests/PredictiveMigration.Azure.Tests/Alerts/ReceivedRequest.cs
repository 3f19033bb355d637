using System.Text.Json;

namespace PredictiveMigration.Azure.Tests.Alerts;

/// <summary>One request as the receiver saw it.</summary>
internal sealed record ReceivedRequest(long Sequence, string Hook, string? ContentType, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : string.Empty;
}
