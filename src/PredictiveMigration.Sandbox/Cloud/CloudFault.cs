namespace PredictiveMigration.Sandbox.Cloud;

/// <summary>
/// An injected fault (set in <see cref="CloudOptions.Faults"/> or with <c>POST /admin/faults</c>). Kinds:
/// <c>throttle</c> (429 + Retry-After), <c>error</c> (<see cref="Status"/>, default 500), <c>slow</c> (delay before
/// answering), <c>failOperation</c> (the next long-running operation ends Failed), <c>regionDown</c> (everything in
/// <see cref="Region"/> answers 503 and its VMs report an unknown power state). A fault applies to requests whose
/// method and path contain the given fragments, <see cref="Count"/> times (0: until removed).
/// </summary>
public sealed class CloudFault
{
    public required string Kind { get; set; }

    public string? Method { get; set; }

    public string? PathContains { get; set; }

    public string? Region { get; set; }

    public int Status { get; set; }

    public int RetryAfterSeconds { get; set; } = 1;

    public int DelayMs { get; set; }

    public int Count { get; set; }
}
