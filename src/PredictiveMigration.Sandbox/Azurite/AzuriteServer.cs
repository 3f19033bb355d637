using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace PredictiveMigration.Sandbox.Azurite;

/// <summary>
/// Runs Azurite (the npm package) as a child process on free loopback ports, with its data in a folder so a
/// restart keeps it. Used by <c>pm sandbox</c>, the benchmarks and the tests. Azurite itself is installed by
/// <see cref="EnsureInstalledAsync"/> (npm, into <c>.tools/azurite</c> of the repository) or found through
/// <c>PM_AZURITE_BIN</c> or the PATH.
/// </summary>
public sealed partial class AzuriteServer : IAsyncDisposable
{
    /// <summary>The Azurite version the project installs.</summary>
    public const string Version = "3.37.0";

    /// <summary>Azurite's well-known development account key (public, documented by Microsoft).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const int SigTerm = 15;
    private readonly string _executable;
    private Process? _process;

    private AzuriteServer(string executable, string location, int blobPort, int queuePort, int tablePort)
    {
        _executable = executable;
        Location = location;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public string Location { get; }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Whether the data lives in memory only (lost when the process stops).</summary>
    public bool InMemory { get; private init; }

    public string ConnectionString => string.Create(CultureInfo.InvariantCulture,
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;");

    /// <summary>The azurite executable: <c>PM_AZURITE_BIN</c>, the repository's <c>.tools/azurite</c>, or the PATH; null if none.</summary>
    public static string? FindExecutable()
    {
        var fromEnv = Environment.GetEnvironmentVariable("PM_AZURITE_BIN");
        if (!string.IsNullOrEmpty(fromEnv) && File.Exists(fromEnv))
        {
            return fromEnv;
        }

        if (RepositoryRoot.Find() is { } root)
        {
            var local = Path.Combine(root, ".tools", "azurite", "node_modules", ".bin", "azurite");
            if (File.Exists(local))
            {
                return local;
            }
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "azurite");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Finds azurite, or installs it with npm into the repository's <c>.tools/azurite</c> (progress goes to <paramref name="log"/>).</summary>
    public static async Task<string> EnsureInstalledAsync(TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (FindExecutable() is { } existing)
        {
            return existing;
        }

        var root = RepositoryRoot.Find() ?? throw new InvalidOperationException("azurite is not installed and the repository root was not found to install it into; install it with `npm install -g azurite` or set PM_AZURITE_BIN.");
        var prefix = Path.Combine(root, ".tools", "azurite");
        Directory.CreateDirectory(prefix);
        await log.WriteLineAsync($"Installing azurite {Version} with npm into {prefix} (first run only)...").ConfigureAwait(false);
        var psi = new ProcessStartInfo("npm", ["install", "--prefix", prefix, "--no-audit", "--no-fund", "--loglevel=error", $"azurite@{Version}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var npm = Process.Start(psi) ?? throw new InvalidOperationException("could not start npm; is Node.js installed?");
        var stderr = npm.StandardError.ReadToEndAsync(cancellationToken);
        await npm.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await npm.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm install azurite failed ({npm.ExitCode}): {await stderr.ConfigureAwait(false)}");
        }

        return FindExecutable() ?? throw new InvalidOperationException("npm reported success but azurite was not found under " + prefix);
    }

    /// <summary>
    /// Starts Azurite on free loopback ports with its data in <paramref name="location"/> and waits until it answers.
    /// With <paramref name="inMemory"/> nothing is written to disk (<c>--inMemoryPersistence</c>): Azurite otherwise
    /// serialises its whole table database to disk every few seconds, which costs a busy sandbox a core.
    /// </summary>
    public static async Task<AzuriteServer> StartAsync(string executable, string location, CancellationToken cancellationToken, bool inMemory = false)
    {
        Directory.CreateDirectory(location);
        var ports = FreePorts(3);
        var server = new AzuriteServer(executable, location, ports[0], ports[1], ports[2]) { InMemory = inMemory };
        await server.StartProcessAsync(cancellationToken).ConfigureAwait(false);
        return server;
    }

    /// <summary>Starts the same server again (same ports, same data) after <see cref="StopAsync"/>.</summary>
    public Task RestartAsync(CancellationToken cancellationToken) => StartProcessAsync(cancellationToken);

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("azurite is already running");
        }

        var psi = new ProcessStartInfo(_executable,
        [
            "--silent", "--skipApiVersionCheck", "--loose", "--disableProductStyleUrl",
            "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(CultureInfo.InvariantCulture),
            .. (InMemory ? new[] { "--inMemoryPersistence" } : ["--location", Location]),
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {_executable}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"azurite exited at start with code {process.ExitCode}");
            }

            if (await AcceptsAsync(TablePort, cancellationToken).ConfigureAwait(false)
                && await AcceptsAsync(QueuePort, cancellationToken).ConfigureAwait(false)
                && await AcceptsAsync(BlobPort, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException("azurite did not start listening within 60 s");
    }

    /// <summary>Stops Azurite gracefully (SIGTERM, so it flushes its data), killing it after a grace period.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        var process = _process;
        if (process is null || process.HasExited)
        {
            return;
        }

        _ = Kill(process.Id, SigTerm);
        using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        grace.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private static async Task<bool> AcceptsAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int[] FreePorts(int count)
    {
        var listeners = new List<TcpListener>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
