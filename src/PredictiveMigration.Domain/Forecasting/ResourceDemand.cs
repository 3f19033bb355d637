namespace PredictiveMigration.Domain.Forecasting;

/// <summary>Absolute demand at one time: CPU cores in use, memory bytes, disk operations per second and network bytes per second.</summary>
public readonly record struct ResourceDemand(double CpuCores, double MemoryBytes, double Iops, double NetworkBytesPerSec);
