using PredictiveMigration.Agent.Sampling;

namespace PredictiveMigration.Agent.Tests.Infrastructure;

/// <summary>Produces <c>limit</c> samples (numbered through CpuPercent), then nothing.</summary>
public sealed class CountingSampler : ISampler
{
    private readonly int _limit;
    private int _calls;

    public CountingSampler(int limit)
    {
        _limit = limit;
    }

    /// <summary>How many samples have been handed out.</summary>
    public int Produced => Math.Min(Volatile.Read(ref _calls), _limit);

    public ValueTask<ResourceSample?> SampleAsync(CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _calls);
        if (n > _limit)
        {
            return ValueTask.FromResult<ResourceSample?>(null);
        }

        return ValueTask.FromResult<ResourceSample?>(new ResourceSample
        {
            CpuPercent = n % 100,
            CpuCores = 2,
            MemoryUsedBytes = 1024,
            MemoryTotalBytes = 4096,
            DiskReadBytesPerSec = 0,
            DiskWriteBytesPerSec = 0,
            DiskReadIops = 0,
            DiskWriteIops = 0,
            NetRxBytesPerSec = 0,
            NetTxBytesPerSec = 0,
        });
    }
}
