using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PredictiveMigration.Azure.Alerts;

/// <summary>Runs <see cref="AlertDeliveryWorker"/> in the background: a pass whenever the publisher signals, and at
/// least every <see cref="AlertOptions.PollInterval"/> (for retries that come due). A failed pass is logged and retried.</summary>
public sealed class AlertDeliveryService(AlertDeliveryWorker worker, AlertTables tables, AlertWakeSignal wake, TimeProvider time, ILogger<AlertDeliveryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.DeliveryStarted(tables.Subscriptions.Count, tables.Options.PollInterval);
        while (!stoppingToken.IsCancellationRequested)
        {
            var full = false;
            try
            {
                var pass = await worker.RunOnceAsync(stoppingToken).ConfigureAwait(false);
                full = pass.Attempted >= tables.Options.BatchSize;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.DeliveryPassFailed(ex);
            }

            if (!full)
            {
                try
                {
                    await wake.WaitAsync(tables.Options.PollInterval, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
