namespace PredictiveMigration.Workflows.Connectors;

/// <summary>The activity names of the connector workflow (the Functions app maps one route per name).</summary>
public static class ConnectorActivities
{
    /// <summary><see cref="PlanConnectorsActivity"/>: fleet, quotas, history and load → a <see cref="ConnectorRound"/>.</summary>
    public const string Plan = "PlanConnectors";

    /// <summary><see cref="ApplyConnectorActionActivity"/>: one planned action, cloud then store.</summary>
    public const string Apply = "ApplyConnectorAction";

    /// <summary><see cref="RecordMigrationObservationActivity"/>: what the transfer-rate model learns from.</summary>
    public const string RecordObservation = "RecordMigrationObservation";
}
