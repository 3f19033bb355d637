namespace PredictiveMigration.Azure.Connectors;

/// <summary>Where connectors and migration observations are stored. Bound from the <c>ConnectorStorage</c> configuration section.</summary>
public sealed class ConnectorStorageOptions
{
    /// <summary>Connectors, one row each. Default <c>Connectors</c>.</summary>
    public string ConnectorTable { get; set; } = "Connectors";

    /// <summary>Past migrations' transfers, one row each. Default <c>MigrationObservations</c>.</summary>
    public string ObservationTable { get; set; } = "MigrationObservations";

    public void Validate()
    {
        foreach (var (name, value) in new[] { ("ConnectorTable", ConnectorTable), ("ObservationTable", ObservationTable) })
        {
            if (string.IsNullOrEmpty(value) || value.Length is < 3 or > 63 || !char.IsAsciiLetter(value[0]) || !value.All(char.IsAsciiLetterOrDigit))
            {
                throw new InvalidOperationException($"ConnectorStorage:{name} must be a valid table name (3-63 letters or digits, starting with a letter); was '{value}'.");
            }
        }
    }
}
