namespace PredictiveMigration.Domain.Metrics.Rollups;

/// <summary>What a store did with a set of groups: events newly counted, events already present, rows written.</summary>
public readonly record struct RollupWriteResult(int Applied, int Duplicates, int RowsWritten)
{
    public static RollupWriteResult operator +(RollupWriteResult a, RollupWriteResult b) =>
        new(a.Applied + b.Applied, a.Duplicates + b.Duplicates, a.RowsWritten + b.RowsWritten);
}
