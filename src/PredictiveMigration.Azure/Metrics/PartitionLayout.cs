using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace PredictiveMigration.Azure.Metrics;

/// <summary>
/// The key scheme of the metrics tables (docs/metrics-storage.md):
/// rollups: PartitionKey <c>b{bucket:00}-{yyyyMMdd}</c>, RowKey <c>{serverId}|{HHmm}</c>;
/// inventory: PartitionKey <c>b{bucket:00}</c>, RowKey <c>{serverId}</c>.
/// A server's bucket is a stable hash of its id, so writes at any moment spread over every bucket of today,
/// while one server's day is one contiguous row range of one partition.
/// </summary>
public sealed class PartitionLayout(int buckets)
{
    public int Buckets { get; } = buckets > 0 ? buckets : throw new ArgumentOutOfRangeException(nameof(buckets));

    public int BucketOf(string serverId)
    {
        Span<byte> utf8 = stackalloc byte[Encoding.UTF8.GetMaxByteCount(serverId.Length)];
        var n = Encoding.UTF8.GetBytes(serverId, utf8);
        return (int)(XxHash32.HashToUInt32(utf8[..n]) % (uint)Buckets);
    }

    public string RollupPartitionKey(string serverId, DateTimeOffset minute) =>
        string.Create(CultureInfo.InvariantCulture, $"b{BucketOf(serverId):D2}-{minute.UtcDateTime:yyyyMMdd}");

    public static string RollupRowKey(string serverId, DateTimeOffset minute) =>
        string.Create(CultureInfo.InvariantCulture, $"{serverId}|{minute.UtcDateTime:HHmm}");

    public string InventoryPartitionKey(string serverId) =>
        string.Create(CultureInfo.InvariantCulture, $"b{BucketOf(serverId):D2}");

    public IEnumerable<string> InventoryPartitionKeys() =>
        Enumerable.Range(0, Buckets).Select(b => string.Create(CultureInfo.InvariantCulture, $"b{b:D2}"));
}
