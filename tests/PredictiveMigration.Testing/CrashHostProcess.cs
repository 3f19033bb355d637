using System.Collections.Concurrent;
using System.Diagnostics;

namespace PredictiveMigration.Testing;

/// <summary>
/// A host assembly beside the test binaries run as a child process with <c>dotnet exec</c>, for crash tests. Its output is
/// drained continuously (a full pipe would block its logging and stall it) and the last lines kept for diagnostics; it
/// is ready when it prints a line starting with READY, and <see cref="KillAsync"/> is SIGKILL.
/// </summary>
public sealed class CrashHostProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CrashHostProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Collect(e.Data);
        _process.ErrorDataReceived += (_, e) => Collect(e.Data);
        _process.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException("The host exited before it was ready: " + Output));
        _process.EnableRaisingEvents = true;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The last lines the host wrote (stdout and stderr).</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>Starts <paramref name="assemblyFileName"/> (in the test output folder) with <paramref name="arguments"/> and waits up to <paramref name="readyTimeout"/> for its READY line.</summary>
    public static async Task<CrashHostProcess> StartAsync(string assemblyFileName, IEnumerable<string> arguments, TimeSpan readyTimeout, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("exec");
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, assemblyFileName));
        foreach (var argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }

        var host = new CrashHostProcess(Process.Start(psi) ?? throw new InvalidOperationException("could not start " + assemblyFileName));
        try
        {
            await host._ready.Task.WaitAsync(readyTimeout, cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return host;
    }

    /// <summary>SIGKILL: no shutdown code runs, whatever was in flight is lost.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void Collect(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.StartsWith("READY", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }

        _output.Enqueue(line);
        while (_output.Count > 20 && _output.TryDequeue(out _))
        {
        }
    }
}
