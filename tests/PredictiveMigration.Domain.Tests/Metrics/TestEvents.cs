using System.Text;
using PredictiveMigration.Domain.Metrics;
using PredictiveMigration.Testing;

namespace PredictiveMigration.Domain.Tests.Metrics;

internal static class TestEvents
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    public static MetricEvent Event(string server = "web-01", long seq = 1, DateTimeOffset? at = null, double cpu = 40) =>
        SampleEvents.Create(server, seq, at ?? Now.AddSeconds(-30), cpu);

    public static string Json(MetricEvent e) => Encoding.UTF8.GetString(MetricEventJson.Serialize(e));

    /// <summary>A valid event's JSON with one field replaced (or removed when value is null).</summary>
    public static byte[] WithField(string field, string? rawValue)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(Json(Event()))!.AsObject();
        node.Remove(field);
        if (rawValue is not null)
        {
            node[field] = System.Text.Json.Nodes.JsonNode.Parse(rawValue);
        }

        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }
}
