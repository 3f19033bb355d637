using System.Globalization;
using Azure;
using Azure.Data.Tables;
using PredictiveMigration.Azure.Storage;

namespace PredictiveMigration.Azure.Metrics;

/// <summary>
/// The three metrics tables, created on first use. Also guards the partition layout: the bucket count is recorded
/// in the rollup table and a different configured value refuses to start, since it would silently split servers' data.
/// </summary>
public sealed class MetricsTables
{
    private const string LayoutPartition = "__layout";
    private readonly TableServiceClient _service;
    private readonly MetricsStorageOptions _options;
    private readonly TablesOnFirstUse _creation;

    public MetricsTables(TableServiceClient service, MetricsStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _service = service;
        _options = options;
        Layout = new PartitionLayout(options.PartitionBuckets);
        Rollups = service.GetTableClient(options.RollupTable);
        DeadLetters = service.GetTableClient(options.DeadLetterTable);
        Servers = service.GetTableClient(options.ServerTable);
        _creation = new TablesOnFirstUse([Rollups, DeadLetters, Servers], CheckLayoutAsync);
    }

    public PartitionLayout Layout { get; }

    public MetricsStorageOptions Options => _options;

    public TableClient Rollups { get; }

    public TableClient DeadLetters { get; }

    public TableClient Servers { get; }

    /// <summary>Creates the tables and checks the layout once; a failure is retried on the next call.</summary>
    public ValueTask EnsureInitializedAsync(CancellationToken cancellationToken) => _creation.EnsureAsync(cancellationToken);

    private async Task CheckLayoutAsync(CancellationToken cancellationToken)
    {
        var existing = await Rollups.GetEntityIfExistsAsync<TableEntity>(LayoutPartition, "rollups", cancellationToken: cancellationToken).ConfigureAwait(false);
        if (existing.HasValue)
        {
            var recorded = existing.Value!.GetInt32("Buckets");
            if (recorded != _options.PartitionBuckets)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"Metrics:PartitionBuckets is {_options.PartitionBuckets} but table '{_options.RollupTable}' was written with {recorded} buckets; set it back to {recorded} (changing it needs a data migration)."));
            }

            return;
        }

        try
        {
            await Rollups.AddEntityAsync(new TableEntity(LayoutPartition, "rollups") { ["Buckets"] = _options.PartitionBuckets, ["Scheme"] = "b{bucket:00}-{yyyyMMdd} / {serverId}|{HHmm}" }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Another instance recorded it first: check what it wrote.
            await CheckLayoutAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
