using Azure.Data.Tables;
using PredictiveMigration.Azure.Storage;
using PredictiveMigration.Azure.Metrics;

namespace PredictiveMigration.Azure.Forecasting;

/// <summary>The forecasting tables, created on first use (a failure is retried on the next call).</summary>
public sealed class ForecastTables
{
    private readonly TablesOnFirstUse _creation;

    public ForecastTables(TableServiceClient service, ForecastStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        Layout = new PartitionLayout(options.PartitionBuckets);
        Latest = service.GetTableClient(options.LatestTable);
        History = service.GetTableClient(options.HistoryTable);
        Candidates = service.GetTableClient(options.CandidateTable);
        _creation = new TablesOnFirstUse([Latest, History, Candidates]);
    }

    public ForecastStorageOptions Options { get; }

    public PartitionLayout Layout { get; }

    public TableClient Latest { get; }

    public TableClient History { get; }

    public TableClient Candidates { get; }

    public ValueTask EnsureInitializedAsync(CancellationToken cancellationToken) => _creation.EnsureAsync(cancellationToken);
}
