namespace PredictiveMigration.Agent.Configuration;

/// <summary>The <c>Agent:Sink:EventHubs</c> section. Entra ID is used when <see cref="SasKey"/> is not set.</summary>
public sealed class EventHubsSinkOptions
{
    /// <summary>The namespace host name, e.g. <c>contoso.servicebus.windows.net</c>.</summary>
    public string? FullyQualifiedNamespace { get; set; }

    public string? HubName { get; set; }

    /// <summary>The shared access policy name (with <see cref="SasKey"/>).</summary>
    public string? SasKeyName { get; set; }

    /// <summary>The shared access policy key; when set, requests are signed with a SAS token instead of Entra ID.</summary>
    public string? SasKey { get; set; }

    /// <summary>The client id of a user-assigned managed identity; when not set, <c>DefaultAzureCredential</c> is used.</summary>
    public string? ClientId { get; set; }

    /// <summary>How long a SAS token is valid. Default 1 hour; a new one is made 5 minutes before expiry.</summary>
    public TimeSpan SasTokenLifetime { get; set; } = TimeSpan.FromHours(1);
}
