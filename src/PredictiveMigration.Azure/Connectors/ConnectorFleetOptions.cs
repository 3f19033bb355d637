using PredictiveMigration.Domain.Connectors;

namespace PredictiveMigration.Azure.Connectors;

/// <summary>Where connector VMs live and at which sizes. Bound from the <c>Connectors</c> configuration section.</summary>
public sealed class ConnectorFleetOptions
{
    /// <summary>The resource group of the connector VMs. Default <c>pm-connectors</c>.</summary>
    public string ResourceGroup { get; set; } = "pm-connectors";

    /// <summary>Warm and active sizes (and the planner's other settings).</summary>
    public ConnectorPlanOptions Plan { get; set; } = new();

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ResourceGroup) || ResourceGroup.Length > 90)
        {
            throw new InvalidOperationException($"Connectors:ResourceGroup must be a resource group name (1-90 characters); was '{ResourceGroup}'.");
        }

        ArgumentNullException.ThrowIfNull(Plan, "Connectors:Plan");
        Plan.Validate();
    }
}
