using System.Text;
using PredictiveMigration.Domain.Metrics;

namespace PredictiveMigration.Domain.Tests.Metrics;

internal static class TestEvents
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    public static MetricEvent Event(string server = "web-01", long seq = 1, DateTimeOffset? at = null, double cpu = 40) => new()
    {
        ServerId = server,
        Timestamp = at ?? Now.AddSeconds(-30),
        Sequence = seq,
        AgentVersion = "1.0.0",
        CpuCores = 4,
        CpuPercent = cpu,
        MemoryUsedBytes = 4e9,
        MemoryTotalBytes = 8e9,
        DiskReadBytesPerSec = 1000,
        DiskWriteBytesPerSec = 2000,
        DiskReadIops = 10,
        DiskWriteIops = 20,
        NetRxBytesPerSec = 3000,
        NetTxBytesPerSec = 4000,
    };

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
