using Azure.Data.Tables;

namespace PredictiveMigration.Azure.Storage;

/// <summary>
/// Creates a feature's tables on first use, once per process, then runs an optional check (e.g. the metrics partition
/// layout). Concurrent first callers wait for the one doing the work; a failure leaves it undone, so the next call
/// tries again. Shared by every <c>*Tables</c> holder.
/// </summary>
public sealed class TablesOnFirstUse(IReadOnlyList<TableClient> tables, Func<CancellationToken, Task>? afterCreate = null)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _done;

    public async ValueTask EnsureAsync(CancellationToken cancellationToken)
    {
        if (_done)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_done)
            {
                return;
            }

            foreach (var table in tables)
            {
                await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            }

            if (afterCreate is not null)
            {
                await afterCreate(cancellationToken).ConfigureAwait(false);
            }

            _done = true;
        }
        finally
        {
            _gate.Release();
        }
    }
}
