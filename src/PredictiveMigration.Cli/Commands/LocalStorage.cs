using PredictiveMigration.Sandbox.Azurite;

namespace PredictiveMigration.Cli.Commands;

/// <summary>
/// Storage for a local command: the connection string in <c>AzureWebJobsStorage</c> when it is set, otherwise an
/// Azurite of our own (installed with npm on first use) that lives as long as this object.
/// </summary>
internal sealed class LocalStorage : IAsyncDisposable
{
    private readonly AzuriteServer? _azurite;

    private LocalStorage(string connectionString, AzuriteServer? azurite, string description)
    {
        ConnectionString = connectionString;
        _azurite = azurite;
        Description = description;
    }

    public string ConnectionString { get; }

    public string Description { get; }

    public AzuriteServer? Azurite => _azurite;

    public static async Task<LocalStorage> OpenAsync(string? dataDirectory, TextWriter log, CancellationToken cancellationToken, bool inMemory = false)
    {
        var configured = Environment.GetEnvironmentVariable("AzureWebJobsStorage");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new LocalStorage(configured, null, "AzureWebJobsStorage from the environment");
        }

        var executable = await AzuriteServer.EnsureInstalledAsync(log, cancellationToken).ConfigureAwait(false);
        var location = dataDirectory ?? Path.Combine(Path.GetTempPath(), "pm-azurite-" + Guid.NewGuid().ToString("N"));
        var azurite = await AzuriteServer.StartAsync(executable, location, cancellationToken, inMemory).ConfigureAwait(false);
        return new LocalStorage(azurite.ConnectionString, azurite, $"Azurite {AzuriteServer.Version} on 127.0.0.1 (tables :{azurite.TablePort}, queues :{azurite.QueuePort}, blobs :{azurite.BlobPort}; {(inMemory ? "data in memory" : $"data in {location}")})");
    }

    public async ValueTask DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync().ConfigureAwait(false);
        }
    }
}
