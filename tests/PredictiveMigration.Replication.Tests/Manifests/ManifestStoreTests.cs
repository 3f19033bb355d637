using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Replication.Manifests;

namespace PredictiveMigration.Replication.Tests.Manifests;

public sealed class ManifestStoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "pm-manifest-test-" + Guid.NewGuid().ToString("N"));

    public ManifestStoreTests() => Directory.CreateDirectory(_dir);

    private static Manifest Sample() => new(
        "m-1",
        3,
        4096,
        (4096 * 2) + 5,
        [1, UInt128.MaxValue, new UInt128(7, 9)],
        new ReplicationCycle("m-1", 3, false, (4096 * 2) + 5, 1234, 2, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(2)),
        new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void WriteThenRead_RoundTripsEveryField()
    {
        var path = Path.Combine(_dir, "a.manifest");
        var written = Sample();

        ManifestStore.Write(path, written);
        var read = ManifestStore.TryRead(path)!;

        Assert.Equal(written.Hashes, read.Hashes);
        Assert.Equal(written with { Hashes = read.Hashes }, read);
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void Read_Absent_IsNull() => Assert.Null(ManifestStore.TryRead(Path.Combine(_dir, "none.manifest")));

    [Theory]
    [InlineData(0, "bad magic")]
    [InlineData(4, "format version")]
    [InlineData(40, "checksum mismatch")]
    public void Read_DamagedByte_FailsWithTheProblem(int offset, string problem)
    {
        var path = Path.Combine(_dir, "b.manifest");
        ManifestStore.Write(path, Sample());
        var bytes = File.ReadAllBytes(path);
        bytes[offset] ^= 0x5A;
        File.WriteAllBytes(path, bytes);

        var ex = Assert.Throws<ManifestCorruptException>(() => ManifestStore.TryRead(path));

        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        Assert.Equal(path, ex.Path);
    }

    [Fact]
    public void Read_Truncated_FailsClearly()
    {
        var path = Path.Combine(_dir, "c.manifest");
        ManifestStore.Write(path, Sample());
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^20]);

        Assert.Throws<ManifestCorruptException>(() => ManifestStore.TryRead(path));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
