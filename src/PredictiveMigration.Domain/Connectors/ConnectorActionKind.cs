namespace PredictiveMigration.Domain.Connectors;

/// <summary>What a plan does to one connector.</summary>
public enum ConnectorActionKind
{
    /// <summary>Create a new connector VM, warm (the warm size, accepting no task).</summary>
    Provision = 0,

    /// <summary>Resize a warm connector to the active size (or take a draining one back): it accepts tasks.</summary>
    ScaleUp = 1,

    /// <summary>Stop giving an active connector new tasks; it goes warm once its tasks are done.</summary>
    Drain = 2,

    /// <summary>Resize an idle active or draining connector down to the warm size ("warm" it).</summary>
    ScaleDown = 3,

    /// <summary>Delete an idle warm connector's VM.</summary>
    Decommission = 4,
}
