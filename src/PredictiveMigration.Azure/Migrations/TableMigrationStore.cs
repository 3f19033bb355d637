using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using PredictiveMigration.Domain.Migrations;

namespace PredictiveMigration.Azure.Migrations;

/// <summary>
/// <see cref="IMigrationStore"/> in Azure Tables. One partition per migration (PartitionKey = migration id): the
/// migration row (RowKey <c>""</c>: decision JSON, status, step, progress, outcome, times) and one row per timeline
/// entry (RowKey <c>s{sequence:D6}</c>). A progress record adds its entry and updates the migration row in one
/// entity-group transaction, so a replayed entry (same sequence) fails as a whole with 409 and changes nothing.
/// </summary>
public sealed class TableMigrationStore(TableServiceClient service, string tableName = "Migrations") : IMigrationStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly TableClient _table = service.GetTableClient(tableName);
    private int _created;

    public async Task<bool> CreateAsync(MigrationDecision decision, MigrationStatus status, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(decision.MigrationId, string.Empty)
        {
            ["ServerId"] = decision.ServerId,
            ["Decision"] = JsonSerializer.Serialize(decision, Json),
            ["Status"] = status.ToString(),
            ["Step"] = MigrationStep.Approval.ToString(),
            ["Progress"] = 0,
            ["CreatedAt"] = at,
            ["UpdatedAt"] = at,
        };
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task<MigrationRecord?> GetAsync(string migrationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(migrationId);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        TableEntity? head = null;
        var timeline = new List<MigrationStepEntry>();
        await foreach (var e in _table.QueryAsync<TableEntity>(e => e.PartitionKey == migrationId, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (e.RowKey.Length == 0)
            {
                head = e;
            }
            else
            {
                timeline.Add(new MigrationStepEntry(
                    e.GetInt32("Sequence") ?? 0,
                    Enum.Parse<MigrationStep>(e.GetString("Step")),
                    Enum.Parse<MigrationStepState>(e.GetString("State")),
                    e.GetDateTimeOffset("At") ?? default,
                    e.GetString("Detail") ?? string.Empty));
            }
        }

        return head is null ? null : ToRecord(head, [.. timeline.OrderBy(t => t.Sequence)]);
    }

    public async Task<IReadOnlyList<MigrationRecord>> ListAsync(bool activeOnly, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var records = new List<MigrationRecord>();
        await foreach (var e in _table.QueryAsync<TableEntity>(e => e.RowKey == string.Empty, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var record = ToRecord(e, []);
            if (!activeOnly || record.IsActive)
            {
                records.Add(record);
            }
        }

        return [.. records.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.MigrationId, StringComparer.Ordinal)];
    }

    public async Task RecordAsync(MigrationProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var entry = progress.Entry;
        var row = new TableEntity(progress.MigrationId, $"s{entry.Sequence:D6}")
        {
            ["Sequence"] = entry.Sequence,
            ["Step"] = entry.Step.ToString(),
            ["State"] = entry.State.ToString(),
            ["At"] = entry.At,
            ["Detail"] = entry.Detail,
        };
        var head = new TableEntity(progress.MigrationId, string.Empty)
        {
            ["Status"] = progress.Status.ToString(),
            ["Step"] = entry.Step.ToString(),
            ["Progress"] = progress.Progress,
            ["Outcome"] = progress.Outcome,
            ["UpdatedAt"] = entry.At,
        };
        try
        {
            await _table.SubmitTransactionAsync(
                [new TableTransactionAction(TableTransactionActionType.Add, row), new TableTransactionAction(TableTransactionActionType.UpdateMerge, head, ETag.All)],
                cancellationToken).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            // This entry is already recorded (a re-run activity): nothing to do.
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 404)
        {
            throw new KeyNotFoundException($"Migration '{progress.MigrationId}' does not exist.", ex);
        }
    }

    private static MigrationRecord ToRecord(TableEntity e, IReadOnlyList<MigrationStepEntry> timeline) => new(
        JsonSerializer.Deserialize<MigrationDecision>(e.GetString("Decision"), Json)!,
        Enum.Parse<MigrationStatus>(e.GetString("Status")),
        Enum.Parse<MigrationStep>(e.GetString("Step")),
        e.GetInt32("Progress") ?? 0,
        e.GetString("Outcome"),
        e.GetDateTimeOffset("CreatedAt") ?? default,
        e.GetDateTimeOffset("UpdatedAt") ?? default,
        timeline);

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _created) == 0)
        {
            await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _created, 1);
        }
    }
}
