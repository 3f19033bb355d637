using System.Runtime.CompilerServices;
using PredictiveMigration.Domain.Metrics.Ingestion;
using PredictiveMigration.Domain.Metrics.Inventory;
using PredictiveMigration.Domain.Metrics.Rollups;

namespace PredictiveMigration.Domain.Tests.Metrics;

/// <summary>An in-memory fake of the three ports, for logic tests only (the real adapters are tested on Azurite).</summary>
internal sealed class InMemoryMetricsStore : IRollupStore, IDeadLetterStore, IServerInventory
{
    public Dictionary<(string, DateTimeOffset), MinuteRollup> Rows { get; } = [];

    public Dictionary<string, DeadLetter> DeadLetters { get; } = [];

    public Dictionary<string, ServerObservation> Servers { get; } = [];

    public bool FailWrites { get; set; }

    public Task<RollupWriteResult> ApplyAsync(IReadOnlyList<RollupGroup> groups, CancellationToken cancellationToken)
    {
        if (FailWrites)
        {
            throw new IOException("storage down");
        }

        var result = default(RollupWriteResult);
        foreach (var g in groups)
        {
            if (!Rows.TryGetValue((g.ServerId, g.Minute), out var row))
            {
                row = new MinuteRollup(g.ServerId, g.Minute);
                Rows[(g.ServerId, g.Minute)] = row;
            }

            var applied = g.Events.Count(row.Apply);
            result += new RollupWriteResult(applied, g.Events.Count - applied, applied > 0 ? 1 : 0);
        }

        return Task.FromResult(result);
    }

    public async IAsyncEnumerable<MinuteRollup> ReadAsync(string serverId, DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var row in Rows.Values.Where(r => r.ServerId == serverId && r.Minute >= from && r.Minute < to).OrderBy(r => r.Minute))
        {
            yield return row;
        }
    }

    public Task AddAsync(IReadOnlyList<DeadLetter> deadLetters, CancellationToken cancellationToken)
    {
        foreach (var d in deadLetters)
        {
            DeadLetters[d.Id] = d;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DeadLetter>> ListAsync(DateTimeOffset from, DateTimeOffset to, int max, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DeadLetter>>([.. DeadLetters.Values.Take(max)]);

    public Task RecordAsync(IReadOnlyList<ServerObservation> observations, CancellationToken cancellationToken)
    {
        foreach (var o in observations)
        {
            Servers[o.ServerId] = o;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ServerObservation>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ServerObservation>>([.. Servers.Values]);

    public Task<ServerObservation?> GetAsync(string serverId, CancellationToken cancellationToken) =>
        Task.FromResult(Servers.GetValueOrDefault(serverId));
}
