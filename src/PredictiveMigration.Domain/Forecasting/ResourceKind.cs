namespace PredictiveMigration.Domain.Forecasting;

/// <summary>A resource a server can run out of. Risk and forecasts are expressed per resource.</summary>
public enum ResourceKind
{
    Cpu = 0,
    Memory = 1,
    DiskIo = 2,
    Network = 3,
}
