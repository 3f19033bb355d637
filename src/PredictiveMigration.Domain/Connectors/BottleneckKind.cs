namespace PredictiveMigration.Domain.Connectors;

/// <summary>What will hold migrations back, found before they start.</summary>
public enum BottleneckKind
{
    /// <summary>The region's vCPU quota cannot host the connectors the forecast needs.</summary>
    QuotaExceeded = 0,

    /// <summary>The forecast needs more connectors than a region may have.</summary>
    ConnectorLimit = 1,

    /// <summary>Connectors are needed sooner than a new one can be provisioned and activated.</summary>
    LateCapacity = 2,

    /// <summary>A migration cannot finish in its window even at the median rate.</summary>
    DeadlineImpossible = 3,

    /// <summary>A migration finishes in its window at the median rate but not at the pessimistic one.</summary>
    DeadlineAtRisk = 4,

    /// <summary>A migration's final delta at the pessimistic rate exceeds the downtime SLA.</summary>
    DowntimeAtRisk = 5,

    /// <summary>No connector region is within the latency limit of the migration's source.</summary>
    NoConnectorRegion = 6,
}
