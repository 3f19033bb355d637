namespace PredictiveMigration.Domain.Connectors;

/// <summary>How the migration load is forecast. Defaults in brackets.</summary>
public sealed record LoadForecastOptions
{
    /// <summary>Width of a load bucket [15 min].</summary>
    public TimeSpan BucketSize { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How far ahead [6 h].</summary>
    public TimeSpan Horizon { get; init; } = TimeSpan.FromHours(6);

    /// <summary>The SLA every migration is held to (besides its own deadline).</summary>
    public ConnectorSla Sla { get; init; } = new();

    /// <summary>Throws an <see cref="ArgumentException"/> naming the setting.</summary>
    public void Validate()
    {
        Check(BucketSize >= TimeSpan.FromMinutes(1), nameof(BucketSize), "must be at least 1 minute");
        Check(Horizon >= BucketSize && Horizon <= TimeSpan.FromDays(14), nameof(Horizon), "must be between one bucket and 14 days");
        Check(Sla.MaxTransferTime > TimeSpan.Zero, "Sla.MaxTransferTime", "must be positive");
        Check(Sla.MaxDowntime > TimeSpan.Zero, "Sla.MaxDowntime", "must be positive");
    }

    private static void Check(bool ok, string setting, string message)
    {
        if (!ok)
        {
            throw new ArgumentException($"Connectors:Forecast:{setting} {message}.", setting);
        }
    }
}
