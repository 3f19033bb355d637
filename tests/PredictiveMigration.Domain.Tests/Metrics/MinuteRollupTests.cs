using PredictiveMigration.Domain.Metrics;
using PredictiveMigration.Domain.Metrics.Rollups;

namespace PredictiveMigration.Domain.Tests.Metrics;

public class MinuteRollupTests
{
    private static readonly DateTimeOffset Minute = new(2026, 11, 23, 9, 59, 0, TimeSpan.Zero);

    [Fact]
    public void Apply_SixSamples_GivesCountMeanMinMaxLast()
    {
        var rollup = new MinuteRollup("web-01", Minute);
        double[] cpu = [10, 50, 30, 20, 60, 40];
        for (var i = 0; i < cpu.Length; i++)
        {
            Assert.True(rollup.Apply(TestEvents.Event(seq: i, at: Minute.AddSeconds(i * 10), cpu: cpu[i])));
        }

        var s = rollup.Get(MetricKind.CpuPercent);
        Assert.Equal(6, s.Count);
        Assert.Equal(35, s.Mean, 9);
        Assert.Equal(10, s.Min);
        Assert.Equal(60, s.Max);
        Assert.Equal(40, s.Last);
        Assert.Equal(6, rollup.EventCount);
        Assert.Equal(0, rollup.Get(MetricKind.QueueLength).Count);
    }

    [Fact]
    public void Apply_SameSequenceTwice_CountsOnce()
    {
        var rollup = new MinuteRollup("web-01", Minute);

        Assert.True(rollup.Apply(TestEvents.Event(seq: 7, at: Minute.AddSeconds(5), cpu: 10)));
        Assert.False(rollup.Apply(TestEvents.Event(seq: 7, at: Minute.AddSeconds(5), cpu: 90)));

        Assert.Equal(1, rollup.Get(MetricKind.CpuPercent).Count);
        Assert.Equal(10, rollup.Get(MetricKind.CpuPercent).Max);
    }

    [Fact]
    public void Apply_LateArrivalOfAnEarlierSample_DoesNotReplaceLast()
    {
        var rollup = new MinuteRollup("web-01", Minute);
        rollup.Apply(TestEvents.Event(seq: 2, at: Minute.AddSeconds(50), cpu: 80));

        rollup.Apply(TestEvents.Event(seq: 1, at: Minute.AddSeconds(10), cpu: 20));

        Assert.Equal(80, rollup.Get(MetricKind.CpuPercent).Last);
    }

    [Fact]
    public void Apply_EventOfAnotherMinute_Throws()
    {
        var rollup = new MinuteRollup("web-01", Minute);

        Assert.Throws<ArgumentException>(() => rollup.Apply(TestEvents.Event(at: Minute.AddMinutes(1))));
    }

    [Fact]
    public void Clone_IsIndependent()
    {
        var rollup = new MinuteRollup("web-01", Minute);
        rollup.Apply(TestEvents.Event(seq: 1, at: Minute.AddSeconds(1)));

        var copy = rollup.Clone();
        copy.Apply(TestEvents.Event(seq: 2, at: Minute.AddSeconds(2)));

        Assert.Equal(1, rollup.EventCount);
        Assert.Equal(2, copy.EventCount);
        Assert.False(rollup.Sequences.Contains(2));
    }

    [Fact]
    public void MetricStats_Merge_EqualsAddingAllSamples()
    {
        var random = new Random(3);
        var all = new MetricStats();
        var a = new MetricStats();
        var b = new MetricStats();
        for (var i = 0; i < 100; i++)
        {
            var v = random.NextDouble() * 100;
            all.Add(v, i);
            if (i % 3 == 0)
            {
                a.Add(v, i);
            }
            else
            {
                b.Add(v, i);
            }
        }

        a.Merge(b);

        Assert.Equal(all.Count, a.Count);
        Assert.Equal(all.Sum, a.Sum, 9);
        Assert.Equal(all.Min, a.Min);
        Assert.Equal(all.Max, a.Max);
        Assert.Equal(all.Last, a.Last);
    }
}
