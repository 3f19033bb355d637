namespace PredictiveMigration.Domain.Metrics.Ingestion;

/// <summary>Where refused events go. Writes are idempotent by <see cref="DeadLetter.Id"/>.</summary>
public interface IDeadLetterStore
{
    Task AddAsync(IReadOnlyList<DeadLetter> deadLetters, CancellationToken cancellationToken);

    /// <summary>Dead letters whose day is in [from, to], newest days first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<DeadLetter>> ListAsync(DateTimeOffset from, DateTimeOffset to, int max, CancellationToken cancellationToken);
}
