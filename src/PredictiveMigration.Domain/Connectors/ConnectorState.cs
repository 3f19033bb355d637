namespace PredictiveMigration.Domain.Connectors;

/// <summary>Where a connector (a replication worker VM) stands.</summary>
public enum ConnectorState
{
    /// <summary>Provisioned at the smallest size, accepting no task: ready to be scaled up within the activation lead time.</summary>
    Warm = 0,

    /// <summary>At the active size, accepting migration tasks.</summary>
    Active = 1,

    /// <summary>Marked for scale-down: accepts no new task, finishes the ones it carries, then goes warm.</summary>
    Draining = 2,
}
