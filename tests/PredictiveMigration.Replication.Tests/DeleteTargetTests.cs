using PredictiveMigration.Domain.Migrations;

namespace PredictiveMigration.Replication.Tests;

/// <summary>Compensation after a rollback deletes the target disk replication wrote.</summary>
public sealed class DeleteTargetTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pm-delete-target-").FullName;

    [Fact]
    public async Task DeleteTarget_RemovesTheImage_AndAnAbsentOneIsFine()
    {
        var service = new FileReplicationService(new ReplicationOptions { StateDirectory = Path.Combine(_root, "state") }, TimeProvider.System);
        var source = Path.Combine(_root, "source.img");
        var target = Path.Combine(_root, "target.img");
        await File.WriteAllBytesAsync(source, [.. Enumerable.Range(0, 256 * 1024).Select(i => (byte)(i * 31))], TestContext.Current.CancellationToken);
        await service.ReplicateAsync(new ReplicationRequest("mig-del", source, target, 0, false), TestContext.Current.CancellationToken);
        Assert.True(File.Exists(target));

        await service.DeleteTargetAsync(target, TestContext.Current.CancellationToken);
        await service.DeleteTargetAsync(target, TestContext.Current.CancellationToken);

        Assert.False(File.Exists(target));
        Assert.True(File.Exists(source));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
