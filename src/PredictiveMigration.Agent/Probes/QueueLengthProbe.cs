using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using PredictiveMigration.Agent.Configuration;

namespace PredictiveMigration.Agent.Probes;

/// <summary>Runs the configured command with <c>/bin/sh -c</c> and reads its standard output as the queue length.</summary>
public sealed class QueueLengthProbe
{
    internal const string Shell = "/bin/sh";
    private const int MaxOutputChars = 256;

    private readonly string? _command;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly ILogger<QueueLengthProbe> _logger;

    public QueueLengthProbe(IOptions<AgentOptions> options, TimeProvider time, ILogger<QueueLengthProbe> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var probes = options.Value.Probes;
        _command = string.IsNullOrWhiteSpace(probes.QueueLengthCommand) ? null : probes.QueueLengthCommand;
        _timeout = probes.CommandTimeout;
        _time = time;
        _logger = logger;
    }

    /// <summary>True when a command is configured.</summary>
    public bool IsEnabled => _command is not null;

    /// <summary>The number the command printed, or null (logged as a warning) when it failed, timed out or printed something else.</summary>
    public async Task<double?> MeasureAsync(CancellationToken cancellationToken)
    {
        if (_command is null)
        {
            return null;
        }

        var start = new ProcessStartInfo(Shell)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(_command);

        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException or IOException)
        {
            _logger.QueueCommandFailedToStart(_command, ex);
            return null;
        }

        if (process is null)
        {
            _logger.QueueCommandFailedToStart(_command, null);
            return null;
        }

        using (process)
        {
            using var timeout = new CancellationTokenSource(_timeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            var stdout = process.StandardOutput.ReadToEndAsync(linked.Token);
            var stderr = process.StandardError.ReadToEndAsync(linked.Token);
            try
            {
                await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
                await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Kill(process);
                if (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }

                _logger.QueueCommandTimedOut(_command, _timeout);
                return null;
            }

            if (process.ExitCode != 0)
            {
                _logger.QueueCommandExitCode(_command, process.ExitCode, Truncate(stderr.Result.Trim()));
                return null;
            }

            var text = stdout.Result.Trim();
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value < 0)
            {
                _logger.QueueCommandOutputNotANumber(_command, Truncate(text));
                return null;
            }

            return value;
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited on its own in the meantime.
        }
    }

    private static string Truncate(string text) => text.Length <= MaxOutputChars ? text : text[..MaxOutputChars];
}
