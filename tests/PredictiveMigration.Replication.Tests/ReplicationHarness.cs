using PredictiveMigration.Domain.Migrations;

namespace PredictiveMigration.Replication.Tests;

/// <summary>A temporary folder with a source image, a target image and a state directory; deleted on dispose.</summary>
internal sealed class ReplicationHarness : IDisposable
{
    public ReplicationHarness(int blockSize = 4096, BlockCompression compression = BlockCompression.Brotli, TimeProvider? time = null)
    {
        Root = Path.Combine(Path.GetTempPath(), "pm-repl-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Options = new ReplicationOptions
        {
            StateDirectory = Path.Combine(Root, "state"),
            BlockSize = blockSize,
            Compression = compression,
            CheckpointFrames = 4,
        };
        Service = new FileReplicationService(Options, time ?? TimeProvider.System);
    }

    public string Root { get; }

    public string Source => Path.Combine(Root, "source.img");

    public string Target => Path.Combine(Root, "target.img");

    public ReplicationOptions Options { get; }

    public FileReplicationService Service { get; }

    public string MigrationId { get; } = "mig-1";

    public string StateOf(string migrationId) => Path.Combine(Options.StateDirectory, migrationId);

    public ReplicationRequest Request(int cycle, bool final = false) => new(MigrationId, Source, Target, cycle, final);

    public Task<ReplicationCycle> RunAsync(int cycle, bool final = false) =>
        Service.ReplicateAsync(Request(cycle, final), TestContext.Current.CancellationToken);

    public void WriteSource(byte[] data) => File.WriteAllBytes(Source, data);

    public void AssertTargetEqualsSource() =>
        Assert.True(File.ReadAllBytes(Source).AsSpan().SequenceEqual(File.ReadAllBytes(Target)), "target differs from source");

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
