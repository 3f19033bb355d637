using Azure;
using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using PredictiveMigration.Azure.Replication;
using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Testing;

namespace PredictiveMigration.Azure.Tests.Replication;

public class PageBlobReplicationServiceTests(StorageFixture storage)
{
    private const int KiB = 1024;
    private const int MiB = 1024 * 1024;

    private sealed class Context
    {
        public Context(StorageFixture storage, int maxWriteBytes = 64 * KiB, PageRangeDiff diff = PageRangeDiff.CompareSnapshots)
        {
            var connection = storage.Require();
            Container = UniqueNames.Table("disks");
            StateContainer = UniqueNames.Table("state");
            Setup = new BlobServiceClient(connection);
            Setup.GetBlobContainerClient(Container).Create();
            var options = new BlobClientOptions();
            options.AddPolicy(Policy, HttpPipelinePosition.PerCall);
            Service = new PageBlobReplicationService(
                new BlobServiceClient(connection, options),
                new PageBlobReplicationOptions { StateContainer = StateContainer, MaxWriteBytes = maxWriteBytes, CompareBlockBytes = 4 * KiB, Diff = diff },
                TimeProvider.System);
        }

        public string Container { get; }

        public string StateContainer { get; }

        public BlobServiceClient Setup { get; }

        public RecordingPolicy Policy { get; } = new();

        public PageBlobReplicationService Service { get; }

        public PageBlobClient Source => Setup.GetBlobContainerClient(Container).GetPageBlobClient("source.vhd");

        public PageBlobClient Target => Setup.GetBlobContainerClient(Container).GetPageBlobClient("target.vhd");

        public ReplicationRequest Request(int cycle) => new("mig-a", $"{Container}/source.vhd", $"{Container}/target.vhd", cycle, false);

        public async Task WriteAsync(long offset, int length, int seed)
        {
            var bytes = new byte[length];
            new Random(seed).NextBytes(bytes);
            await Source.UploadPagesAsync(new MemoryStream(bytes), offset, cancellationToken: TestContext.Current.CancellationToken);
        }

        public async Task AssertTargetEqualsSourceAsync()
        {
            var ct = TestContext.Current.CancellationToken;
            var source = (await Source.DownloadContentAsync(ct)).Value.Content.ToArray();
            var target = (await Target.DownloadContentAsync(ct)).Value.Content.ToArray();
            Assert.Equal(source.Length, target.Length);
            Assert.True(source.AsSpan().SequenceEqual(target), "target differs from source");
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task FullThenDelta_OnAzuriteComparingSnapshots_TargetEqualsSourceAndOnlyChangedPagesAreWritten()
    {
        var ctx = new Context(storage);
        var ct = TestContext.Current.CancellationToken;
        await ctx.Source.CreateAsync(4 * MiB, cancellationToken: ct);
        await ctx.WriteAsync(0, 256 * KiB, 1);
        await ctx.WriteAsync(3 * MiB, 64 * KiB, 2);

        var full = await ctx.Service.ReplicateAsync(ctx.Request(0), ct);
        await ctx.AssertTargetEqualsSourceAsync();
        Assert.Equal(320 * KiB, full.BytesSent); // valid ranges only, not the 4 MiB blob
        Assert.True(full.Full);

        await ctx.WriteAsync(128 * KiB, 8 * KiB, 3);
        ctx.Policy.Requests.Clear();
        var delta = await ctx.Service.ReplicateAsync(ctx.Request(1), ct);

        await ctx.AssertTargetEqualsSourceAsync();
        Assert.Equal(8 * KiB, delta.BytesSent);
        Assert.Equal([(128L * KiB, 8L * KiB)], ctx.Policy.PagesUploaded());
    }

    [Fact(Timeout = 60_000)]
    public async Task Delta_ServiceDiffAnswered_CopiesExactlyTheDiffedRangesAndClearsClearedOnes()
    {
        // Azurite 3.37 ignores prevsnapshot (it answers with every valid range); this test answers the diff with a
        // response recorded in the service's own format, so the diff path (request, parsing, copy, clear) runs end to end.
        var ctx = new Context(storage, diff: PageRangeDiff.Service);
        var ct = TestContext.Current.CancellationToken;
        await ctx.Source.CreateAsync(4 * MiB, cancellationToken: ct);
        await ctx.WriteAsync(0, 256 * KiB, 1);
        await ctx.WriteAsync(3 * MiB, 64 * KiB, 2);
        await ctx.Service.ReplicateAsync(ctx.Request(0), ct);
        var baseSnapshot = await SingleSnapshotAsync(ctx);

        await ctx.WriteAsync((1 * MiB) + (16 * KiB), 8 * KiB, 3);
        await ctx.Source.ClearPagesAsync(new HttpRange(3 * MiB, 64 * KiB), cancellationToken: ct);
        string? askedPrevious = null;
        ctx.Policy.Answer = message =>
        {
            var query = message.Request.Uri.Query;
            if (!query.Contains("prevsnapshot=", StringComparison.Ordinal))
            {
                return null;
            }

            askedPrevious = Uri.UnescapeDataString(query.Split('&').Single(p => p.StartsWith("prevsnapshot=", StringComparison.Ordinal))["prevsnapshot=".Length..]);
            const string recorded = """
                <?xml version="1.0" encoding="utf-8"?><PageList><PageRange><Start>1064960</Start><End>1073151</End></PageRange><ClearRange><Start>3145728</Start><End>3211263</End></ClearRange><NextMarker /></PageList>
                """;
            return new RecordedResponse(200, recorded, new Dictionary<string, string>
            {
                ["Content-Type"] = "application/xml",
                ["x-ms-blob-content-length"] = (4 * MiB).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["ETag"] = "\"0x8DC0000000000\"",
                ["Last-Modified"] = "Mon, 01 Jan 2024 00:00:00 GMT",
                ["x-ms-version"] = "2025-01-05",
            });
        };
        ctx.Policy.Requests.Clear();

        var delta = await ctx.Service.ReplicateAsync(ctx.Request(1), ct);

        Assert.Equal(baseSnapshot, askedPrevious);
        await ctx.AssertTargetEqualsSourceAsync();
        Assert.Equal(8 * KiB, delta.BytesSent);
        Assert.Equal(2, delta.ChangedBlocks);
        Assert.Equal([((1L * MiB) + (16 * KiB), 8L * KiB)], ctx.Policy.PagesUploaded());
        Assert.Equal(await SingleSnapshotAsync(ctx), (await ctx.Setup.GetBlobContainerClient(ctx.StateContainer).GetBlobClient("mig-a/cycle-000001.json").DownloadContentAsync(ct)).Value.Content.ToObjectFromJson<Snap>(new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!.Snapshot);
    }

    [Fact(Timeout = 60_000)]
    public async Task Delta_ServiceDiffNotImplemented_FallsBackToComparingSnapshots()
    {
        var ctx = new Context(storage, diff: PageRangeDiff.Service);
        var ct = TestContext.Current.CancellationToken;
        await ctx.Source.CreateAsync(1 * MiB, cancellationToken: ct);
        await ctx.WriteAsync(0, 128 * KiB, 21);
        await ctx.Service.ReplicateAsync(ctx.Request(0), ct);
        await ctx.WriteAsync(64 * KiB, 4 * KiB, 22);
        ctx.Policy.Answer = message => message.Request.Uri.Query.Contains("prevsnapshot=", StringComparison.Ordinal)
            ? new RecordedResponse(501, "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>NotImplemented</Code><Message>not implemented</Message></Error>", new Dictionary<string, string> { ["Content-Type"] = "application/xml", ["x-ms-error-code"] = "NotImplemented" })
            : null;
        ctx.Policy.Requests.Clear();

        var delta = await ctx.Service.ReplicateAsync(ctx.Request(1), ct);

        await ctx.AssertTargetEqualsSourceAsync();
        Assert.Equal([(64L * KiB, 4L * KiB)], ctx.Policy.PagesUploaded());
        Assert.Equal(4 * KiB, delta.BytesSent);
    }

    [Fact(Timeout = 60_000)]
    public async Task Full_WriteFailsMidCycle_ResumeWritesEachRangeOnce()
    {
        var ctx = new Context(storage, maxWriteBytes: 64 * KiB);
        var ct = TestContext.Current.CancellationToken;
        await ctx.Source.CreateAsync(1 * MiB, cancellationToken: ct);
        await ctx.WriteAsync(0, 512 * KiB, 7);
        var uploads = 0;
        ctx.Policy.Fault = message =>
        {
            if (message.Request.Method == RequestMethod.Put && message.Request.Uri.Query.Contains("comp=page", StringComparison.Ordinal) && ++uploads == 4)
            {
                throw new RequestFailedException(500, "injected: connection lost");
            }
        };

        await Assert.ThrowsAsync<RequestFailedException>(() => ctx.Service.ReplicateAsync(ctx.Request(0), ct));
        Assert.Equal(3, ctx.Policy.PagesUploaded().Count);
        ctx.Policy.Fault = null;
        var full = await ctx.Service.ReplicateAsync(ctx.Request(0), ct);

        await ctx.AssertTargetEqualsSourceAsync();
        var written = ctx.Policy.PagesUploaded();
        Assert.Equal(8, written.Count);
        Assert.Equal(written.Count, written.Distinct().Count());
        Assert.Equal(512 * KiB, full.BytesSent);
    }

    [Fact(Timeout = 60_000)]
    public async Task Replicate_FinishedCycleAgain_ReturnsTheSameResultAndWritesNothing()
    {
        var ctx = new Context(storage);
        var ct = TestContext.Current.CancellationToken;
        await ctx.Source.CreateAsync(1 * MiB, cancellationToken: ct);
        await ctx.WriteAsync(0, 128 * KiB, 9);
        var first = await ctx.Service.ReplicateAsync(ctx.Request(0), ct);
        ctx.Policy.Requests.Clear();

        var again = await ctx.Service.ReplicateAsync(ctx.Request(0), ct);

        Assert.Equal(first, again);
        Assert.DoesNotContain(ctx.Policy.Requests, r => r.Method == "PUT" && !r.Uri.AbsolutePath.Contains(ctx.StateContainer, StringComparison.Ordinal));
    }

    [Fact(Timeout = 60_000)]
    public async Task Stop_DeletesStateAndSnapshots()
    {
        var ctx = new Context(storage);
        var ct = TestContext.Current.CancellationToken;
        await ctx.Source.CreateAsync(1 * MiB, cancellationToken: ct);
        await ctx.WriteAsync(0, 64 * KiB, 11);
        await ctx.Service.ReplicateAsync(ctx.Request(0), ct);

        await ctx.Service.StopAsync("mig-a", ct);
        await ctx.Service.StopAsync("mig-a", ct);

        var state = ctx.Setup.GetBlobContainerClient(ctx.StateContainer);
        Assert.Empty(await state.GetBlobsAsync(cancellationToken: ct).ToListAsync(ct));
        var disks = ctx.Setup.GetBlobContainerClient(ctx.Container);
        Assert.DoesNotContain(await disks.GetBlobsAsync(BlobTraits.None, BlobStates.Snapshots, null, ct).ToListAsync(ct), b => b.Snapshot is not null);
    }

    [Fact(Timeout = 60_000)]
    public async Task Replicate_DiskNotContainerSlashBlob_NamesTheField()
    {
        var ctx = new Context(storage);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => ctx.Service.ReplicateAsync(
            new ReplicationRequest("mig-a", $"{ctx.Container}/source.vhd", "no-container", 0, false), TestContext.Current.CancellationToken));

        Assert.Contains("TargetDisk", ex.Message, StringComparison.Ordinal);
    }

    private static async Task<string> SingleSnapshotAsync(Context ctx)
    {
        var ct = TestContext.Current.CancellationToken;
        var items = await ctx.Setup.GetBlobContainerClient(ctx.Container).GetBlobsAsync(BlobTraits.None, BlobStates.Snapshots, "source.vhd", ct).ToListAsync(ct);
        return Assert.Single(items, b => b.Snapshot is not null).Snapshot;
    }

    private sealed record Snap(string Snapshot);
}
