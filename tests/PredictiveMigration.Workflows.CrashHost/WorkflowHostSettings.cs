namespace PredictiveMigration.Workflows.CrashHost;

/// <summary>Where the workflow host finds everything it talks to. Written as JSON by the test, read by the host.</summary>
/// <param name="StorageConnection">Azure Storage (Azurite) for the durable backend, the migration store and the reservation ledger.</param>
/// <param name="TaskHub">The durable task hub.</param>
/// <param name="MigrationsTable">Table of <c>TableMigrationStore</c>.</param>
/// <param name="ReservationsTable">Table of <c>TableCapacityReservations</c>.</param>
/// <param name="CloudEndpoint">The sandbox cloud's ARM endpoint (HTTPS).</param>
/// <param name="CloudThumbprint">The sandbox cloud certificate's thumbprint (trusted exactly).</param>
/// <param name="Subscription">The subscription id.</param>
/// <param name="ProxyEndpoint">The sandbox traffic proxy's base address (its admin API).</param>
/// <param name="ReplicationStateDirectory">Manifests and journals of the file replication engine.</param>
/// <param name="ReplicationBlockSize">The replication block size in bytes.</param>
/// <param name="ConnectorTable">Connectors table of <c>TableConnectorStore</c>; null: <paramref name="MigrationsTable"/> + <c>conn</c>.</param>
/// <param name="ObservationTable">Migration observations table of <c>TableConnectorStore</c>; null: <paramref name="MigrationsTable"/> + <c>obs</c>.</param>
public sealed record WorkflowHostSettings(
    string StorageConnection,
    string TaskHub,
    string MigrationsTable,
    string ReservationsTable,
    Uri CloudEndpoint,
    string CloudThumbprint,
    string Subscription,
    Uri ProxyEndpoint,
    string ReplicationStateDirectory,
    int ReplicationBlockSize = 4096,
    string? ConnectorTable = null,
    string? ObservationTable = null);
