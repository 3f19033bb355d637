namespace PredictiveMigration.Domain.Connectors;

/// <summary>
/// The migration load of one region in one time bucket. Expected values weigh each migration by its probability and the
/// share of the bucket its median-rate transfer covers; upper values count every migration (scheduled and predicted)
/// in full in every bucket its pessimistic-rate transfer touches.
/// </summary>
/// <param name="Start">Bucket start.</param>
/// <param name="End">Bucket end.</param>
/// <param name="ExpectedTasks">Expected concurrent transfers (time-weighted).</param>
/// <param name="UpperTasks">Upper bound of concurrent transfers.</param>
/// <param name="ExpectedMBps">Expected bandwidth, MB/s.</param>
/// <param name="UpperMBps">Upper bound of bandwidth: the median rates of all transfers counted in <paramref name="UpperTasks"/>.</param>
/// <param name="StartingBytes">Bytes of the migrations starting in the bucket.</param>
public sealed record LoadBucket(DateTimeOffset Start, DateTimeOffset End, double ExpectedTasks, int UpperTasks, double ExpectedMBps, double UpperMBps, long StartingBytes);
