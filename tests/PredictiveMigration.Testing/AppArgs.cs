namespace PredictiveMigration.Testing;

/// <summary>Command-line settings shared by every test that starts the Functions app in process.</summary>
public static class AppArgs
{
    /// <summary>
    /// Any free loopback port, the given storage, every table and container under <paramref name="prefix"/> (so tests
    /// sharing one emulator never see each other's rows), and warnings-only logging. Append a test's own settings.
    /// </summary>
    public static string[] Isolated(string connectionString, string prefix) =>
    [
        "--urls", "http://127.0.0.1:0",
        "--AzureWebJobsStorage", connectionString,
        $"--Metrics:RollupTable={prefix}r",
        $"--Metrics:DeadLetterTable={prefix}d",
        $"--Metrics:ServerTable={prefix}s",
        $"--ForecastStorage:LatestTable={prefix}latest",
        $"--ForecastStorage:HistoryTable={prefix}hist",
        $"--ForecastStorage:CandidateTable={prefix}cand",
        $"--ForecastStorage:ModelContainer={prefix}models",
        $"--Alerts:Table={prefix}alerts",
        $"--ConnectorStorage:ConnectorTable={prefix}conn",
        $"--ConnectorStorage:ObservationTable={prefix}obs",
        $"--ConnectorStorage:ScaleRequestTable={prefix}scale",
        "--Logging:LogLevel:Default=Warning",
    ];
}
