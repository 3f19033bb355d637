namespace PredictiveMigration.Functions.Connectors;

/// <summary>Scale requests by idempotency key, so a retried <c>POST /api/scale</c> runs the same actions, not new ones.</summary>
public interface IScaleRequestLog
{
    /// <summary>The entry of a key, or null.</summary>
    Task<ScaleRequestEntry?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Records (or replaces) an entry.</summary>
    Task SaveAsync(ScaleRequestEntry entry, CancellationToken cancellationToken);
}
