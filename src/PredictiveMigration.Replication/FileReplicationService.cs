using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.Win32.SafeHandles;
using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Replication.Blocks;
using PredictiveMigration.Replication.Journal;
using PredictiveMigration.Replication.Manifests;
using PredictiveMigration.Replication.Wire;

namespace PredictiveMigration.Replication;

/// <summary>
/// <see cref="IReplicationService"/> for disk images as files (the sandbox). Each cycle hashes the source in parallel,
/// compares with the previous cycle's manifest (plus the journal of an interrupted attempt of this cycle), streams the
/// changed blocks through a real loopback TCP connection from a <see cref="DeltaSender"/> to a
/// <see cref="DeltaReceiver"/> that applies them to the target in place, and commits by writing the cycle's manifest
/// (an atomic rename). State lives in <see cref="ReplicationOptions.StateDirectory"/>/&lt;migration id&gt;/.
/// <para>Lag: the time from the moment this cycle started reading the source to the moment the target had applied
/// and flushed every block of it. The target then holds the source as it was at (or after) that read start, so the
/// lag is the recovery point actually achieved; it includes hashing, transfer and apply.</para>
/// </summary>
public sealed partial class FileReplicationService : IReplicationService
{
    private readonly ReplicationOptions _options;
    private readonly TimeProvider _time;

    public FileReplicationService(ReplicationOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options.Validate();
        _time = timeProvider;
    }

    /// <summary>Test seam: wraps the sender's side of the connection (e.g. to cut the transfer after N bytes).</summary>
    internal Func<Stream, Stream>? WireWrapper { get; set; }

    /// <summary>The detail of the last attempt that transferred (null after an idempotent re-run).</summary>
    internal TransferReport? LastTransfer { get; private set; }

    public async Task<ReplicationCycle> ReplicateAsync(ReplicationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);
        var directory = MigrationDirectory(request.MigrationId);
        Directory.CreateDirectory(directory);
        using var runLock = AcquireLock(directory, request.MigrationId);

        LastTransfer = null;
        var manifestPath = ManifestPath(directory, request.Cycle);
        if (ManifestStore.TryRead(manifestPath) is { } done)
        {
            return done.Result; // finished before: a no-op returning the same result
        }

        Manifest? previous = null;
        if (request.Cycle > 0)
        {
            previous = ManifestStore.TryRead(ManifestPath(directory, request.Cycle - 1))
                ?? throw new InvalidOperationException($"Cycle {request.Cycle} of migration '{request.MigrationId}' needs cycle {request.Cycle - 1} to have completed first (no manifest for it).");
            if (previous.BlockSize != _options.BlockSize)
            {
                throw new InvalidOperationException($"Migration '{request.MigrationId}' was replicated with {previous.BlockSize}-byte blocks; Replication:BlockSize is now {_options.BlockSize}. Stop its replication and start again from cycle 0.");
            }
        }

        var started = _time.GetTimestamp();
        return await Task.Run(() => RunCycle(request, directory, manifestPath, previous, started, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(string migrationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(migrationId);
        ValidateMigrationId(migrationId);
        var directory = MigrationDirectory(migrationId);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DeleteTargetAsync(string targetDisk, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(targetDisk);
        File.Delete(targetDisk);
        return Task.CompletedTask;
    }

    private ReplicationCycle RunCycle(ReplicationRequest request, string directory, string manifestPath, Manifest? previous, long started, CancellationToken cancellationToken)
    {
        using var source = File.OpenHandle(request.SourceDisk, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var target = File.OpenHandle(request.TargetDisk, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        using var journal = ReceiverJournal.Open(JournalPath(directory, request.Cycle), target, _options.BlockSize);

        var readStart = _time.GetUtcNow();
        var length = RandomAccess.GetLength(source);
        var hashes = ImageHasher.HashImage(source, length, _options, cancellationToken);
        var count = hashes.Length;

        // What the target holds: the previous manifest (minus blocks an earlier attempt's shrink cut), then the journal.
        var state = new TargetState(count);
        var changedSincePrevious = 0;
        var trustedEnd = journal.MinLengthSet ?? long.MaxValue;
        for (var i = 0; i < count; i++)
        {
            var inPrevious = previous is not null && i < previous.Hashes.Length && BlockMath.BlockLength(previous.ImageLength, previous.BlockSize, i) == BlockMath.BlockLength(length, _options.BlockSize, i);
            if (!inPrevious || previous!.Hashes[i] != hashes[i])
            {
                changedSincePrevious++;
            }

            if (inPrevious && (long)(i + 1) * _options.BlockSize <= trustedEnd)
            {
                state.Set(i, previous!.Hashes[i]);
            }
        }

        var resumed = 0;
        foreach (var (i, h) in journal.Applied)
        {
            if (i < count)
            {
                state.Set(i, h);
            }
        }

        var changed = new List<int>();
        for (var i = 0; i < count; i++)
        {
            if (!state.Holds(i, hashes[i]))
            {
                changed.Add(i);
            }
            else if (journal.Applied.TryGetValue(i, out var h) && h == hashes[i])
            {
                resumed++;
            }
        }

        var (sent, received) = Transfer(source, target, journal, length, hashes, state, changed, request, cancellationToken);
        var appliedAt = _time.GetUtcNow();

        if (request.Final && _options.VerifyTargetOnFinal)
        {
            VerifyTarget(target, length, hashes, request);
        }

        var result = new ReplicationCycle(
            request.MigrationId,
            request.Cycle,
            Full: request.Cycle == 0,
            BytesScanned: length,
            BytesSent: sent.BytesSent,
            ChangedBlocks: changedSincePrevious,
            Lag: appliedAt - readStart,
            Duration: _time.GetElapsedTime(started));
        ManifestStore.Write(manifestPath, new Manifest(request.MigrationId, request.Cycle, _options.BlockSize, length, hashes, result, readStart));
        File.Delete(JournalPath(directory, request.Cycle));
        LastTransfer = new TransferReport(request.Cycle, changedSincePrevious, resumed, sent, received);
        return result;
    }

    private (SenderStats Sent, ReceiverStats Received) Transfer(
        SafeFileHandle source,
        SafeFileHandle target,
        ReceiverJournal journal,
        long length,
        UInt128[] hashes,
        TargetState state,
        List<int> changed,
        ReplicationRequest request,
        CancellationToken cancellationToken)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        using var sending = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        sending.Connect(listener.LocalEndPoint!);
        using var receiving = listener.Accept();
        using var abort = cancellationToken.Register(() =>
        {
            sending.Dispose();
            receiving.Dispose();
        });

        var sender = new DeltaSender(_options);
        var receiver = new DeltaReceiver(_options);
        var sendTask = Task.Run(
            () =>
            {
                using var network = new NetworkStream(sending, ownsSocket: false);
                try
                {
                    var wire = WireWrapper?.Invoke(network) ?? network;
                    return sender.Send(source, length, hashes, state, changed, request.MigrationId, request.Cycle, wire, cancellationToken);
                }
                finally
                {
                    sending.Shutdown(SocketShutdown.Send);
                }
            },
            CancellationToken.None);
        var receiveTask = Task.Run(
            () =>
            {
                using var network = new NetworkStream(receiving, ownsSocket: false);
                using var buffered = new BufferedStream(network, 256 * 1024);
                try
                {
                    return receiver.Apply(buffered, target, journal, request.MigrationId, request.Cycle, cancellationToken);
                }
                catch
                {
                    receiving.Shutdown(SocketShutdown.Both);
                    throw;
                }
            },
            CancellationToken.None);

        try
        {
            Task.WaitAll(sendTask, receiveTask);
        }
        catch (AggregateException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var sendError = sendTask.Exception?.InnerException;
            var receiveError = receiveTask.Exception?.InnerException;

            // A cut stream on the receiver is the symptom; the sender's failure is the cause (and vice versa for a rejected frame).
            var cause = receiveError is EndOfStreamException && sendError is not null ? sendError : receiveError ?? sendError!;
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(cause).Throw();
        }

        return (sendTask.Result, receiveTask.Result);
    }

    private void VerifyTarget(SafeFileHandle target, long length, UInt128[] expected, ReplicationRequest request)
    {
        var actualLength = RandomAccess.GetLength(target);
        if (actualLength != length)
        {
            throw new InvalidDataException($"After the final cycle of migration '{request.MigrationId}' the target '{request.TargetDisk}' is {actualLength} bytes, the source was {length}.");
        }

        var actual = ImageHasher.HashImage(target, length, _options, CancellationToken.None);
        for (var i = 0; i < expected.Length; i++)
        {
            if (actual[i] != expected[i])
            {
                throw new InvalidDataException($"After the final cycle of migration '{request.MigrationId}' block {i} of the target '{request.TargetDisk}' differs from what was sent; the target was changed by something else.");
            }
        }
    }

    private static FileStream AcquireLock(string directory, string migrationId)
    {
        try
        {
            return new FileStream(Path.Combine(directory, "lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException($"A replication cycle of migration '{migrationId}' is already running.", ex);
        }
    }

    private static void Validate(ReplicationRequest request)
    {
        ValidateMigrationId(request.MigrationId);
        if (request.Cycle < 0)
        {
            throw new ArgumentException($"ReplicationRequest.Cycle must be 0 or more (was {request.Cycle}).", nameof(request));
        }

        if (string.IsNullOrWhiteSpace(request.SourceDisk) || !File.Exists(request.SourceDisk))
        {
            throw new ArgumentException($"ReplicationRequest.SourceDisk: no image file at '{request.SourceDisk}'.", nameof(request));
        }

        if (string.IsNullOrWhiteSpace(request.TargetDisk) || Path.GetDirectoryName(Path.GetFullPath(request.TargetDisk)) is not { } targetDirectory || !Directory.Exists(targetDirectory))
        {
            throw new ArgumentException($"ReplicationRequest.TargetDisk: the directory of '{request.TargetDisk}' does not exist.", nameof(request));
        }

        if (string.Equals(Path.GetFullPath(request.SourceDisk), Path.GetFullPath(request.TargetDisk), StringComparison.Ordinal))
        {
            throw new ArgumentException($"ReplicationRequest.TargetDisk must differ from SourceDisk (both are '{request.SourceDisk}').", nameof(request));
        }
    }

    private static void ValidateMigrationId(string migrationId)
    {
        if (string.IsNullOrEmpty(migrationId) || !SafeId().IsMatch(migrationId))
        {
            throw new ArgumentException($"ReplicationRequest.MigrationId must be 1-128 letters, digits, '.', '_' or '-' starting with a letter or digit (was '{migrationId}').", nameof(migrationId));
        }
    }

    private string MigrationDirectory(string migrationId) => Path.Combine(_options.StateDirectory, migrationId);

    private static string ManifestPath(string directory, int cycle) => Path.Combine(directory, $"cycle-{cycle:D6}.manifest");

    private static string JournalPath(string directory, int cycle) => Path.Combine(directory, $"cycle-{cycle:D6}.journal");

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeId();
}
