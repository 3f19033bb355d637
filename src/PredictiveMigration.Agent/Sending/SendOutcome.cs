namespace PredictiveMigration.Agent.Sending;

/// <summary>How a send ended, which decides what happens to the events.</summary>
public enum SendOutcome
{
    /// <summary>2xx: the receiver has the events (it may list some as rejected).</summary>
    Sent,

    /// <summary>413: the request was too large; split the batch and retry the halves.</summary>
    TooLarge,

    /// <summary>Any other 4xx except 401/403/408/429: resending cannot help, so the events are dropped and counted.</summary>
    Refused,

    /// <summary>401/403 or no token: a configuration error. Logged loudly and spooled so nothing is lost while it is fixed.</summary>
    Unauthorized,

    /// <summary>408/429/5xx, a network error or a timeout: spool and resend later.</summary>
    Transient,
}
