using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace PredictiveMigration.Azure.Storage;

/// <summary>
/// How to reach Azure Storage, read the way the Functions host reads a connection setting: either a connection
/// string (the setting's own value, e.g. <c>AzureWebJobsStorage=UseDevelopmentStorage=true</c>) or identity-based
/// children (<c>AzureWebJobsStorage__tableServiceUri</c> or <c>__accountName</c>, <c>__credential=managedidentity</c>,
/// <c>__clientId</c>).
/// </summary>
public sealed class StorageConnection
{
    private StorageConnection(string name, string? connectionString, Uri? tableServiceUri, TokenCredential? credential)
    {
        Name = name;
        ConnectionString = connectionString;
        TableServiceUri = tableServiceUri;
        Credential = credential;
    }

    /// <summary>The setting name it was read from (for error messages).</summary>
    public string Name { get; }

    public string? ConnectionString { get; }

    public Uri? TableServiceUri { get; }

    public TokenCredential? Credential { get; }

    public static StorageConnection FromConnectionString(string connectionString, string name = "AzureWebJobsStorage")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return new StorageConnection(name, connectionString, null, null);
    }

    public static StorageConnection FromServiceUri(Uri tableServiceUri, TokenCredential credential, string name = "AzureWebJobsStorage") =>
        new(name, null, tableServiceUri, credential);

    /// <summary>Reads the named setting. Throws with a message naming it when neither form is present.</summary>
    public static StorageConnection FromConfiguration(IConfiguration configuration, string name = "AzureWebJobsStorage")
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(name);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return FromConnectionString(section.Value, name);
        }

        var tableUri = section["tableServiceUri"];
        var account = section["accountName"];
        Uri? uri = null;
        if (!string.IsNullOrWhiteSpace(tableUri))
        {
            if (!Uri.TryCreate(tableUri, UriKind.Absolute, out uri))
            {
                throw new InvalidOperationException($"{name}__tableServiceUri is not an absolute URI: '{tableUri}'.");
            }
        }
        else if (!string.IsNullOrWhiteSpace(account))
        {
            uri = new Uri($"https://{account}.table.core.windows.net");
        }

        if (uri is null)
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set {name} to a connection string, or {name}__tableServiceUri (or {name}__accountName) with {name}__credential=managedidentity.");
        }

        var clientId = section["clientId"];
        TokenCredential credential = string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(string.IsNullOrWhiteSpace(clientId) ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = string.IsNullOrWhiteSpace(clientId) ? null : clientId });
        return FromServiceUri(uri, credential, name);
    }

    /// <summary>A table service client for this connection. The SDK's own retries are kept short: callers (the
    /// Functions retry policy, the agent's spool) own the long backoff.</summary>
    public TableServiceClient CreateTableServiceClient(TableClientOptions? options = null)
    {
        options ??= DefaultTableClientOptions();
        return ConnectionString is not null
            ? new TableServiceClient(ConnectionString, options)
            : new TableServiceClient(TableServiceUri!, Credential!, options);
    }

    public static TableClientOptions DefaultTableClientOptions()
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        return options;
    }
}
