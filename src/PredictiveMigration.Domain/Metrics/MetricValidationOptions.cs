namespace PredictiveMigration.Domain.Metrics;

/// <summary>Limits applied to every incoming event. Bound from the <c>Metrics</c> configuration section.</summary>
public sealed class MetricValidationOptions
{
    /// <summary>Largest accepted event body in bytes. Default 16 KiB: a v1 event is about 500 bytes.</summary>
    public int MaxEventBytes { get; set; } = 16 * 1024;

    /// <summary>How far in the future (by the receiver's clock) a timestamp may be. Default 5 minutes.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How old an event may be when it arrives (an agent that spooled through an outage resends late). Default 7 days.</summary>
    public TimeSpan MaxEventAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Throws with a message naming the setting when a value is unusable.</summary>
    public void Validate()
    {
        if (MaxEventBytes is < 256 or > 1024 * 1024)
        {
            throw new InvalidOperationException($"Metrics:MaxEventBytes must be between 256 and 1048576 (was {MaxEventBytes}).");
        }

        if (MaxClockSkew < TimeSpan.Zero || MaxClockSkew > TimeSpan.FromDays(1))
        {
            throw new InvalidOperationException($"Metrics:MaxClockSkew must be between 0 and 1 day (was {MaxClockSkew}).");
        }

        if (MaxEventAge <= TimeSpan.Zero || MaxEventAge > TimeSpan.FromDays(365))
        {
            throw new InvalidOperationException($"Metrics:MaxEventAge must be between 1 tick and 365 days (was {MaxEventAge}).");
        }
    }
}
