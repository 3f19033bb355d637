using Azure.Core;
using Azure.Data.Tables;
using PredictiveMigration.Azure.Metrics;
using PredictiveMigration.Domain.Metrics;
using PredictiveMigration.Domain.Metrics.Rollups;
using PredictiveMigration.Testing;

namespace PredictiveMigration.Azure.Tests.Metrics;

/// <summary>Fresh, uniquely named metrics tables on the test storage, with a request-counting / fault-injecting pipeline.</summary>
internal sealed class MetricsTestContext
{
    public static readonly DateTimeOffset Minute = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public MetricsTestContext(StorageFixture storage, MetricsStorageOptions? options = null, string? rollupTable = null)
    {
        Policy = new FaultInjectionPolicy();
        var clientOptions = new TableClientOptions();
        clientOptions.Retry.MaxRetries = 0;
        clientOptions.AddPolicy(Policy, HttpPipelinePosition.PerCall);
        Service = new TableServiceClient(storage.Require(), clientOptions);
        Options = options ?? new MetricsStorageOptions();
        Options.RollupTable = rollupTable ?? UniqueNames.Table("roll");
        Options.DeadLetterTable = UniqueNames.Table("dead");
        Options.ServerTable = UniqueNames.Table("srv");
        Tables = new MetricsTables(Service, Options);
    }

    public FaultInjectionPolicy Policy { get; }

    public TableServiceClient Service { get; }

    public MetricsStorageOptions Options { get; }

    public MetricsTables Tables { get; }

    /// <summary>Another "process" on the same tables: its own clients, cache and locks.</summary>
    public MetricsTables Sibling()
    {
        var copy = new MetricsStorageOptions
        {
            RollupTable = Options.RollupTable,
            DeadLetterTable = Options.DeadLetterTable,
            ServerTable = Options.ServerTable,
            PartitionBuckets = Options.PartitionBuckets,
        };
        return new MetricsTables(Service, copy);
    }

    public static MetricEvent Event(string server, long seq, DateTimeOffset at, double cpu = 50) => SampleEvents.Create(server, seq, at, cpu);

    /// <summary>One event per server every 10 s for <paramref name="minutes"/> minutes, grouped per server-minute.</summary>
    public static List<RollupGroup> Fleet(int servers, int minutes, int firstSeq = 0)
    {
        var groups = new List<RollupGroup>();
        for (var s = 0; s < servers; s++)
        {
            for (var m = 0; m < minutes; m++)
            {
                var at = Minute.AddMinutes(m);
                var events = Enumerable.Range(0, 6).Select(i => Event($"srv-{s:D4}", firstSeq + (m * 6) + i, at.AddSeconds(i * 10), cpu: i * 10)).ToList();
                groups.Add(new RollupGroup($"srv-{s:D4}", at, events));
            }
        }

        return groups;
    }

    public async Task<List<MinuteRollup>> ReadAllAsync(TableRollupStore store, string server, CancellationToken ct)
    {
        var list = new List<MinuteRollup>();
        await foreach (var r in store.ReadAsync(server, Minute.AddHours(-1), Minute.AddHours(3), ct))
        {
            list.Add(r);
        }

        return list;
    }
}
