namespace PredictiveMigration.Agent.Sending;

/// <summary>
/// The result of one <see cref="IMetricSink.SendAsync"/>. Expected failures are values, not exceptions.
/// When a sink splits a batch into several requests, <see cref="Completed"/> leading events were delivered before
/// the request that ended with <see cref="Outcome"/>; that outcome applies to the rest.
/// </summary>
public sealed record SendResult
{
    public required SendOutcome Outcome { get; init; }

    /// <summary>How many leading events of the batch were delivered before the outcome applied (all of them when <see cref="SendOutcome.Sent"/>).</summary>
    public int Completed { get; init; }

    /// <summary>The HTTP status, when there was a response.</summary>
    public int? StatusCode { get; init; }

    /// <summary>What went wrong, for the log: the response body (truncated) or the exception message.</summary>
    public string? Detail { get; init; }

    /// <summary>The receiver's Retry-After, when it gave one.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Events the receiver listed as rejected in a 2xx answer (indexes into the batch).</summary>
    public IReadOnlyList<RejectedEvent> Rejected { get; init; } = [];

    public static SendResult Sent(int count, int statusCode, IReadOnlyList<RejectedEvent>? rejected = null) =>
        new() { Outcome = SendOutcome.Sent, Completed = count, StatusCode = statusCode, Rejected = rejected ?? [] };

    public static SendResult Failed(SendOutcome outcome, int completed, int? statusCode, string? detail, TimeSpan? retryAfter = null) =>
        new() { Outcome = outcome, Completed = completed, StatusCode = statusCode, Detail = detail, RetryAfter = retryAfter };
}
