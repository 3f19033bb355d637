namespace PredictiveMigration.Domain.Metrics.Ingestion;

/// <summary>
/// A refused event, kept where an operator can inspect it. <see cref="Id"/> is derived from the payload (and the hub's
/// sequence number when there is one), so redelivering the same bad event overwrites rather than duplicates.
/// </summary>
public sealed record DeadLetter(
    string Id,
    DateTimeOffset ReceivedAt,
    DateTimeOffset Day,
    string Source,
    int Index,
    RejectionReason Reason,
    string? Field,
    string Message,
    string? ServerId,
    string Payload,
    int PayloadBytes,
    bool Truncated);
