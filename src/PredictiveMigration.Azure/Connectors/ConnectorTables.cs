using Azure.Data.Tables;

namespace PredictiveMigration.Azure.Connectors;

/// <summary>The connector tables, created on first use (a failure is retried on the next call).</summary>
public sealed class ConnectorTables
{
    private readonly SemaphoreSlim _initLock = new(1, 1);
    private volatile bool _initialized;

    public ConnectorTables(TableServiceClient service, ConnectorStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Connectors = service.GetTableClient(options.ConnectorTable);
        Observations = service.GetTableClient(options.ObservationTable);
    }

    public TableClient Connectors { get; }

    public TableClient Observations { get; }

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
                await Connectors.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
                await Observations.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
                _initialized = true;
            }
        }
        finally
        {
            _initLock.Release();
        }
    }
}
