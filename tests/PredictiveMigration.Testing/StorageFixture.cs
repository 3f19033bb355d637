using Azure.Data.Tables;
using PredictiveMigration.Sandbox.Azurite;
using Xunit;

namespace PredictiveMigration.Testing;

/// <summary>
/// Azure Storage for a test assembly: the connection string in <c>PM_TEST_STORAGE</c> (scripts/test.sh starts one
/// Azurite for the whole run and exports it), or else an Azurite this fixture starts itself. Tests call
/// <see cref="Require"/>: without storage they skip with the reason, except under CI, where they fail.
/// Register with <c>[assembly: AssemblyFixture(typeof(StorageFixture))]</c>.
/// </summary>
public sealed class StorageFixture : IAsyncLifetime
{
    private AzuriteServer? _ownAzurite;
    private string? _location;

    public string? ConnectionString { get; private set; }

    public string? UnavailableReason { get; private set; }

    public static bool IsCi => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    public async ValueTask InitializeAsync()
    {
        var fromEnv = Environment.GetEnvironmentVariable("PM_TEST_STORAGE");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            ConnectionString = fromEnv;
            return;
        }

        if (AzuriteServer.FindExecutable() is not { } executable)
        {
            UnavailableReason = "no Azure Storage emulator: run the tests with scripts/test.sh (it installs Azurite from npm), or set PM_TEST_STORAGE";
            return;
        }

        _location = Path.Combine(Path.GetTempPath(), "pm-test-azurite-" + Guid.NewGuid().ToString("N"));
        _ownAzurite = await AzuriteServer.StartAsync(executable, _location, CancellationToken.None);
        ConnectionString = _ownAzurite.ConnectionString;
    }

    /// <summary>The connection string; skips the test (fails it under CI) when no storage is available.</summary>
    public string Require()
    {
        if (ConnectionString is not null)
        {
            return ConnectionString;
        }

        if (IsCi)
        {
            Assert.Fail("CI must provide Azure Storage: " + UnavailableReason);
        }

        Assert.Skip(UnavailableReason ?? "no storage");
        return string.Empty;
    }

    public TableServiceClient CreateTableServiceClient(TableClientOptions? options = null) => new(Require(), options ?? new TableClientOptions());

    public async ValueTask DisposeAsync()
    {
        if (_ownAzurite is not null)
        {
            await _ownAzurite.DisposeAsync();
        }

        if (_location is not null && Directory.Exists(_location))
        {
            Directory.Delete(_location, recursive: true);
        }
    }
}
