namespace PredictiveMigration.Domain.Alerts;

/// <summary>Read side of alerting, for the API and the dashboard's alerts view.</summary>
public interface IAlertLog
{
    /// <summary>The most recently published alerts, newest first, each with its delivery status per subscription.</summary>
    Task<IReadOnlyList<AlertLogEntry>> ListRecentAsync(int max, CancellationToken cancellationToken);

    /// <summary>Deliveries that were given up, newest first.</summary>
    Task<IReadOnlyList<AlertDeadLetter>> ListDeadLettersAsync(int max, CancellationToken cancellationToken);
}
