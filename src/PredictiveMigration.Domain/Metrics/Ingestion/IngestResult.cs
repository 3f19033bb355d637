namespace PredictiveMigration.Domain.Metrics.Ingestion;

/// <summary>The outcome of one batch: how many events were received, newly counted, already present, and refused (with why).</summary>
public sealed record IngestResult(int Received, int Accepted, int Duplicates, IReadOnlyList<IngestRejection> Rejected, int RowsWritten)
{
    public int RejectedCount => Rejected.Count;
}

/// <summary>A refused event: its index in the batch and the rule it broke.</summary>
public sealed record IngestRejection(int Index, string? ServerId, MetricRejection Rejection);
