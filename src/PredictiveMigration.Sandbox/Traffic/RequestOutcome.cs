namespace PredictiveMigration.Sandbox.Traffic;

/// <summary>How one proxied attempt to a destination ended, as the passive health accounting sees it.</summary>
internal enum RequestOutcome
{
    /// <summary>The destination answered below 500.</summary>
    Success,

    /// <summary>The destination answered 5xx.</summary>
    ServerError,

    /// <summary>The destination could not be reached or broke the connection.</summary>
    ConnectionError,

    /// <summary>The destination did not answer within <see cref="SandboxTrafficProxyOptions.RequestTimeout"/>.</summary>
    Timeout,

    /// <summary>The client went away; not the destination's fault, so neither a request nor a failure of it.</summary>
    ClientAborted,
}
