namespace PredictiveMigration.Domain.Metrics;

/// <summary>An event that failed validation: the reason, the field at fault (if one) and a message an operator can act on.</summary>
public sealed record MetricRejection(RejectionReason Reason, string? Field, string Message)
{
    public override string ToString() => Field is null ? $"{Reason}: {Message}" : $"{Reason} ({Field}): {Message}";
}
