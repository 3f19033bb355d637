using PredictiveMigration.Forecasting.Persistence;

namespace PredictiveMigration.Forecasting.Tests.Persistence;

public sealed class FileSystemModelStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pm-models-" + Guid.NewGuid().ToString("N"));

    private static ModelArtifact Artifact(string version, double mae) =>
        new("global_gbm-cpu", version, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(14), new Dictionary<string, double> { ["mae"] = mae }, new byte[] { 1, 2, 3 });

    [Fact]
    public async Task PromoteIfBetter_OnlyALowerScoreReplacesTheCurrentModel()
    {
        var store = new FileSystemModelStore(_root);
        var ct = TestContext.Current.CancellationToken;
        await store.SaveAsync(Artifact("v1", 2.0), ct);
        await store.SaveAsync(Artifact("v2", 2.5), ct);
        await store.SaveAsync(Artifact("v3", 1.5), ct);

        Assert.True(await store.PromoteIfBetterAsync("global_gbm-cpu", "v1", "mae", ct));
        Assert.False(await store.PromoteIfBetterAsync("global_gbm-cpu", "v2", "mae", ct));
        Assert.True(await store.PromoteIfBetterAsync("global_gbm-cpu", "v3", "mae", ct));

        var current = await store.LoadAsync("global_gbm-cpu", null, ct);
        Assert.Equal("v3", current!.Version);
        Assert.Equal(new byte[] { 1, 2, 3 }, current.Payload.ToArray());
    }

    [Fact]
    public async Task Load_NothingSaved_ReturnsNull()
    {
        Assert.Null(await new FileSystemModelStore(_root).LoadAsync("none", null, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Save_PathTraversalInName_IsRejected()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => new FileSystemModelStore(_root).SaveAsync(Artifact("..", 1) with { Name = "../x" }, TestContext.Current.CancellationToken));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
