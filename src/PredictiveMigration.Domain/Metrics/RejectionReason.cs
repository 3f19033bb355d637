namespace PredictiveMigration.Domain.Metrics;

/// <summary>Why an event was refused. Stored with dead letters; the names are part of the operator-facing contract.</summary>
public enum RejectionReason
{
    Malformed,
    TooLarge,
    UnsupportedSchemaVersion,
    MissingField,
    WrongType,
    NotFinite,
    OutOfRange,
    InvalidServerId,
    ClockSkew,
    TooOld,
}
