namespace PredictiveMigration.Domain.Metrics.Rollups;

/// <summary>Running statistics of one metric over one minute: count, sum (for the mean), min, max, and the value with the latest timestamp.</summary>
public struct MetricStats
{
    public int Count;
    public double Sum;
    public double Min;
    public double Max;
    public double Last;

    /// <summary>UTC ticks of the sample that gave <see cref="Last"/>.</summary>
    public long LastTicks;

    public readonly double Mean => Count == 0 ? double.NaN : Sum / Count;

    public void Add(double value, long ticks)
    {
        if (Count == 0)
        {
            Min = value;
            Max = value;
            Last = value;
            LastTicks = ticks;
        }
        else
        {
            if (value < Min)
            {
                Min = value;
            }

            if (value > Max)
            {
                Max = value;
            }

            // "last" is by sample time, not arrival order, so a late event never overwrites a newer one.
            if (ticks >= LastTicks)
            {
                Last = value;
                LastTicks = ticks;
            }
        }

        Count++;
        Sum += value;
    }

    /// <summary>Combines two disjoint sets of samples (used to coarsen minutes into a lower resolution).</summary>
    public void Merge(in MetricStats other)
    {
        if (other.Count == 0)
        {
            return;
        }

        if (Count == 0)
        {
            this = other;
            return;
        }

        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
        if (other.LastTicks >= LastTicks)
        {
            Last = other.Last;
            LastTicks = other.LastTicks;
        }

        Count += other.Count;
        Sum += other.Sum;
    }
}
