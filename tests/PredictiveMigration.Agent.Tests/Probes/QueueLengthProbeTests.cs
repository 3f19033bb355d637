using Microsoft.Extensions.Logging;
using PredictiveMigration.Agent.Probes;
using PredictiveMigration.Agent.Tests.Infrastructure;

namespace PredictiveMigration.Agent.Tests.Probes;

public sealed class QueueLengthProbeTests
{
    private readonly RecordingLogger<QueueLengthProbe> _logger = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private QueueLengthProbe NewProbe(string command, TimeSpan? timeout = null) =>
        new(TestOptions.Create(o =>
        {
            o.Probes.QueueLengthCommand = command;
            o.Probes.CommandTimeout = timeout ?? TimeSpan.FromSeconds(5);
        }), TimeProvider.System, _logger);

    [Fact(Timeout = 10_000)]
    public async Task MeasureAsync_CommandPrintsANumber_ReturnsIt()
    {
        // Arrange: a pipeline, which needs the shell.
        var probe = NewProbe("printf '  17\\n' | tr -d ' '");

        // Act
        var value = await probe.MeasureAsync(_ct);

        // Assert
        Assert.Equal(17, value);
    }

    [Fact(Timeout = 10_000)]
    public async Task MeasureAsync_CommandFails_ReturnsNoValueAndWarns()
    {
        // Arrange
        var probe = NewProbe("echo broken >&2; exit 3");

        // Act
        var value = await probe.MeasureAsync(_ct);

        // Assert
        Assert.Null(value);
        Assert.True(_logger.Has(LogLevel.Warning, "exited with 3 (broken)"));
    }

    [Fact(Timeout = 10_000)]
    public async Task MeasureAsync_OutputNotANumber_ReturnsNoValueAndWarns()
    {
        // Arrange
        var probe = NewProbe("echo lots");

        // Act
        var value = await probe.MeasureAsync(_ct);

        // Assert
        Assert.Null(value);
        Assert.True(_logger.Has(LogLevel.Warning, "printed 'lots'"));
    }

    [Fact(Timeout = 10_000)]
    public async Task MeasureAsync_CommandOutlivesTheTimeout_IsKilledAndReturnsNoValue()
    {
        // Arrange
        var probe = NewProbe("sleep 30; echo 5", TimeSpan.FromMilliseconds(300));
        var started = TimeProvider.System.GetTimestamp();

        // Act
        var value = await probe.MeasureAsync(_ct);

        // Assert
        Assert.Null(value);
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(5));
        Assert.True(_logger.Has(LogLevel.Warning, "was killed"));
    }
}
