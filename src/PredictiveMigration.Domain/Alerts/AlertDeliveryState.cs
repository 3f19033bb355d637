namespace PredictiveMigration.Domain.Alerts;

/// <summary>Where one alert stands for one subscription.</summary>
public enum AlertDeliveryState
{
    /// <summary>Waiting for its first attempt or for a retry.</summary>
    Pending = 0,

    /// <summary>The receiver answered 2xx.</summary>
    Delivered = 1,

    /// <summary>Given up (attempt limit, or a permanent 4xx); kept in the dead-letter list.</summary>
    DeadLettered = 2,

    /// <summary>Not sent because of throttling; counted in the next throttle summary.</summary>
    Suppressed = 3,
}
