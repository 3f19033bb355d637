using PredictiveMigration.Domain.Metrics;

namespace PredictiveMigration.Domain.Tests.Metrics;

public class MetricEventValidatorTests
{
    private static readonly MetricValidationOptions Options = new();

    [Fact]
    public void Validate_TypicalEvent_IsAccepted()
    {
        Assert.Null(MetricEventValidator.Validate(TestEvents.Event(), TestEvents.Now, Options));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-leading-dash")]
    [InlineData("has space")]
    [InlineData("pipe|sep")]
    [InlineData("slash/no")]
    [InlineData("hash#no")]
    public void Validate_BadServerId_IsRejected(string id)
    {
        var e = TestEvents.Event(server: id);

        Assert.Equal(RejectionReason.InvalidServerId, MetricEventValidator.Validate(e, TestEvents.Now, Options)!.Reason);
    }

    [Fact]
    public void Validate_ServerIdOf129Characters_IsRejected()
    {
        Assert.NotNull(MetricEventValidator.Validate(TestEvents.Event(server: new string('a', 129)), TestEvents.Now, Options));
        Assert.Null(MetricEventValidator.Validate(TestEvents.Event(server: new string('a', 128)), TestEvents.Now, Options));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(150.5)]
    public void Validate_CpuOutOfRange_NamesCpuPercent(double cpu)
    {
        var rejection = MetricEventValidator.Validate(TestEvents.Event(cpu: cpu), TestEvents.Now, Options);

        Assert.Equal(RejectionReason.OutOfRange, rejection!.Reason);
        Assert.Equal("cpuPercent", rejection.Field);
    }

    [Fact]
    public void Validate_CpuSlightlyAbove100_IsKeptAsAnArtefactForForecastingToHandle()
    {
        Assert.Null(MetricEventValidator.Validate(TestEvents.Event(cpu: 114), TestEvents.Now, Options));
    }

    [Fact]
    public void Validate_MemoryUsedAboveTwiceTotal_IsRejected()
    {
        var e = TestEvents.Event();
        e[MetricKind.MemoryUsedBytes] = 17e9;

        Assert.Equal("memoryUsedBytes", MetricEventValidator.Validate(e, TestEvents.Now, Options)!.Field);
    }

    [Fact]
    public void Validate_NegativeRate_IsRejected()
    {
        var e = TestEvents.Event();
        e[MetricKind.NetRxBytesPerSec] = -1;

        Assert.Equal("netRxBytesPerSec", MetricEventValidator.Validate(e, TestEvents.Now, Options)!.Field);
    }

    [Fact]
    public void Validate_TimestampBeyondClockSkew_IsRejectedAsClockSkew()
    {
        var ahead = TestEvents.Event(at: TestEvents.Now + Options.MaxClockSkew + TimeSpan.FromSeconds(1));
        var justInside = TestEvents.Event(at: TestEvents.Now + Options.MaxClockSkew);

        Assert.Equal(RejectionReason.ClockSkew, MetricEventValidator.Validate(ahead, TestEvents.Now, Options)!.Reason);
        Assert.Null(MetricEventValidator.Validate(justInside, TestEvents.Now, Options));
    }

    [Fact]
    public void Validate_TimestampOlderThanMaxAge_IsRejectedAsTooOld()
    {
        var old = TestEvents.Event(at: TestEvents.Now - Options.MaxEventAge - TimeSpan.FromMinutes(1));

        Assert.Equal(RejectionReason.TooOld, MetricEventValidator.Validate(old, TestEvents.Now, Options)!.Reason);
    }

    [Fact]
    public void Validate_NegativeSequence_IsRejected()
    {
        Assert.Equal("seq", MetricEventValidator.Validate(TestEvents.Event(seq: -1), TestEvents.Now, Options)!.Field);
    }

    [Fact]
    public void Options_Validate_NamesTheSetting()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new MetricValidationOptions { MaxEventBytes = 10 }.Validate());

        Assert.Contains("Metrics:MaxEventBytes", ex.Message, StringComparison.Ordinal);
    }
}
