using PredictiveMigration.Domain.Connectors;

namespace PredictiveMigration.Workflows.Connectors;

/// <summary>What <see cref="PlanConnectorsActivity"/> reads and how it forecasts. Defaults in brackets.</summary>
public sealed record ConnectorWorkflowOptions
{
    /// <summary>Observations older than this are not learned from [30 days].</summary>
    public TimeSpan ObservationWindow { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Open candidates with a risk score below this are not counted as predicted migrations [50].</summary>
    public int MinCandidateRisk { get; init; } = 50;

    /// <summary>
    /// Bytes a migration copies when its source disk's size is unknown [100 GB]: used only when the decision's (or,
    /// for a candidate, the server directory's) <c>MigrationSource.DiskBytes</c> is null (see docs/connectors.md).
    /// </summary>
    public long DefaultDataBytes { get; init; } = 100_000_000_000;

    /// <summary>Buckets, horizon and SLA of the load forecast.</summary>
    public LoadForecastOptions Forecast { get; init; } = new();

    /// <summary>How the transfer-rate model learns.</summary>
    public TransferRateOptions Rates { get; init; } = new();

    /// <summary>Throws an <see cref="ArgumentException"/> naming the setting.</summary>
    public void Validate()
    {
        if (ObservationWindow <= TimeSpan.Zero || ObservationWindow > TimeSpan.FromDays(3650))
        {
            throw new ArgumentException("Connectors:Workflow:ObservationWindow must be between 0 and 3650 days.", nameof(ObservationWindow));
        }

        if (MinCandidateRisk is < 0 or > 100)
        {
            throw new ArgumentException("Connectors:Workflow:MinCandidateRisk must be 0-100.", nameof(MinCandidateRisk));
        }

        if (DefaultDataBytes is <= 0 or > 1_000_000_000_000_000)
        {
            throw new ArgumentException("Connectors:Workflow:DefaultDataBytes must be between 1 and 10^15.", nameof(DefaultDataBytes));
        }

        ArgumentNullException.ThrowIfNull(Forecast, "Connectors:Forecast");
        ArgumentNullException.ThrowIfNull(Rates, "Connectors:Rates");
        Forecast.Validate();
        Rates.Validate();
    }
}
