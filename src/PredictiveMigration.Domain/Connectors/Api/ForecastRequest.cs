namespace PredictiveMigration.Domain.Connectors.Api;

/// <summary>
/// <c>POST /api/forecast</c>: a migration to size connectors for. Fields are nullable so a missing one is named in the
/// validation errors rather than defaulted.
/// </summary>
/// <param name="MigrationId">Optional: echoed back.</param>
/// <param name="SourceRegion">Required: where the data is.</param>
/// <param name="DataBytes">Required: bytes to copy (1 byte to 1 PB).</param>
/// <param name="EarliestStart">Optional: when it may start [now].</param>
/// <param name="Deadline">Optional: when the copy must be done [start + the SLA's maximum transfer time].</param>
/// <param name="FinalDeltaBytes">Optional: bytes in the final delta at cut-over (checked against the downtime SLA).</param>
public sealed record ForecastRequest(
    string? MigrationId,
    string? SourceRegion,
    long? DataBytes,
    DateTimeOffset? EarliestStart = null,
    DateTimeOffset? Deadline = null,
    long? FinalDeltaBytes = null)
{
    public const long MaxDataBytes = 1_000_000_000_000_000;

    /// <summary>The fields that are wrong (empty when the request is valid).</summary>
    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        if (MigrationId is { Length: > 128 })
        {
            errors.Add(new FieldError("migrationId", "must be at most 128 characters"));
        }

        if (string.IsNullOrWhiteSpace(SourceRegion))
        {
            errors.Add(new FieldError("sourceRegion", "is required"));
        }
        else if (SourceRegion.Length > 64 || !SourceRegion.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            errors.Add(new FieldError("sourceRegion", "must be a region name (letters, digits and '-', at most 64)"));
        }

        if (DataBytes is null)
        {
            errors.Add(new FieldError("dataBytes", "is required"));
        }
        else if (DataBytes is <= 0 or > MaxDataBytes)
        {
            errors.Add(new FieldError("dataBytes", "must be between 1 and 10^15 (1 PB)"));
        }

        if (FinalDeltaBytes is < 0 || (FinalDeltaBytes is { } delta && DataBytes is { } data && delta > data))
        {
            errors.Add(new FieldError("finalDeltaBytes", "must be between 0 and dataBytes"));
        }

        if (Deadline is { } deadline && EarliestStart is { } start && deadline <= start)
        {
            errors.Add(new FieldError("deadline", "must be after earliestStart"));
        }

        return errors;
    }
}
