using System.Text.Json;

namespace PredictiveMigration.Agent.Sending;

/// <summary>The ingestion endpoint's 200 body: <c>{"accepted":n,"duplicates":n,"rejected":[{"index":i,"reason":"...","field":"...","message":"..."}]}</c>.</summary>
public sealed record IngestionResponse(int Accepted, int Duplicates, IReadOnlyList<RejectedEvent> Rejected)
{
    /// <summary>Parses the body; null when it is not in that shape (the send still counts as delivered).</summary>
    public static IngestionResponse? TryParse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var rejected = new List<RejectedEvent>();
            if (root.TryGetProperty("rejected", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("index", out var index) && index.TryGetInt32(out var i))
                    {
                        rejected.Add(new RejectedEvent(i, Text(item, "reason"), Text(item, "field"), Text(item, "message")));
                    }
                }
            }

            return new IngestionResponse(Number(root, "accepted"), Number(root, "duplicates"), rejected);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static int Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : 0;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
