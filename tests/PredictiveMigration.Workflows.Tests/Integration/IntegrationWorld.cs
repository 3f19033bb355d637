using PredictiveMigration.Testing;

namespace PredictiveMigration.Workflows.Tests.Integration;

/// <summary>One <see cref="MigrationSandbox"/> with the workflow host in process, shared by the tests of a class.</summary>
public sealed class IntegrationWorld(StorageFixture storage) : IAsyncLifetime
{
    internal MigrationSandbox Sandbox { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Sandbox = await MigrationSandbox.StartAsync(storage, CancellationToken.None);
        await Sandbox.StartHostAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync() => await Sandbox.DisposeAsync();
}
