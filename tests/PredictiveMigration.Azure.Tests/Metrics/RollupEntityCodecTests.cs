using PredictiveMigration.Azure.Metrics;
using PredictiveMigration.Domain.Metrics;
using PredictiveMigration.Domain.Metrics.Rollups;

namespace PredictiveMigration.Azure.Tests.Metrics;

public class RollupEntityCodecTests
{
    [Fact]
    public void ToEntityThenFromEntity_RoundTripsStatisticsAndSequences()
    {
        var minute = MetricsTestContext.Minute;
        var rollup = new MinuteRollup("web-01", minute);
        rollup.Apply(MetricsTestContext.Event("web-01", 10, minute.AddSeconds(1), 12.5));
        var withProbe = MetricsTestContext.Event("web-01", 12, minute.AddSeconds(30), 80);
        withProbe[MetricKind.ProbeLatencyMs] = 42;
        rollup.Apply(withProbe);

        var back = RollupEntityCodec.FromEntity(RollupEntityCodec.ToEntity("pk", "rk", rollup));

        Assert.Equal(rollup.EventCount, back.EventCount);
        Assert.Equal("10,12", back.Sequences.ToString());
        foreach (var kind in Enum.GetValues<MetricKind>())
        {
            Assert.Equal(rollup.Get(kind), back.Get(kind));
        }

        Assert.Equal(1, back.Get(MetricKind.ProbeLatencyMs).Count);
    }

    [Fact]
    public void EncodeStats_OnlyPresentKinds_IsCompact()
    {
        var minute = MetricsTestContext.Minute;
        var rollup = new MinuteRollup("web-01", minute);
        rollup.Apply(MetricsTestContext.Event("web-01", 1, minute));

        var bytes = RollupEntityCodec.EncodeStats(rollup);

        Assert.Equal(3 + (9 * 44), bytes.Length);
    }

    [Fact]
    public void DecodeStats_UnknownVersion_Throws()
    {
        var stats = new MetricStats[MetricKinds.Count];

        Assert.Throws<FormatException>(() => RollupEntityCodec.DecodeStats([9, 0, 0], stats));
    }
}
