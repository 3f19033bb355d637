using Azure.Data.Tables;
using PredictiveMigration.Azure.Storage;

namespace PredictiveMigration.Azure.Connectors;

/// <summary>The connector tables, created on first use (a failure is retried on the next call).</summary>
public sealed class ConnectorTables
{
    private readonly TablesOnFirstUse _creation;

    public ConnectorTables(TableServiceClient service, ConnectorStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Connectors = service.GetTableClient(options.ConnectorTable);
        Observations = service.GetTableClient(options.ObservationTable);
        _creation = new TablesOnFirstUse([Connectors, Observations]);
    }

    public TableClient Connectors { get; }

    public TableClient Observations { get; }

    public ValueTask EnsureInitializedAsync(CancellationToken cancellationToken) => _creation.EnsureAsync(cancellationToken);
}
