using Azure.Data.Tables;
using PredictiveMigration.Azure.Metrics;

namespace PredictiveMigration.Azure.Forecasting;

/// <summary>The forecasting tables, created on first use (a failure is retried on the next call).</summary>
public sealed class ForecastTables
{
    private readonly SemaphoreSlim _initLock = new(1, 1);
    private volatile bool _initialized;

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
    }

    public ForecastStorageOptions Options { get; }

    public PartitionLayout Layout { get; }

    public TableClient Latest { get; }

    public TableClient History { get; }

    public TableClient Candidates { get; }

    public async ValueTask EnsureInitializedAsync(CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return;
        }

        await _initLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_initialized)
            {
                foreach (var table in new[] { Latest, History, Candidates })
                {
                    await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
                }

                _initialized = true;
            }
        }
        finally
        {
            _initLock.Release();
        }
    }
}
