using PredictiveMigration.Functions.Hosting.Bindings;

namespace PredictiveMigration.Functions.Hosting;

/// <summary>Every function of the app, declared once. <c>pm functions emit</c> writes their <c>function.json</c> files.</summary>
public static class FunctionCatalog
{
    public const string IngestMetrics = "IngestMetrics";
    public const string IngestMetricsHttp = "IngestMetricsHttp";
    public const string GetServerMetrics = "GetServerMetrics";
    public const string ListServers = "ListServers";
    public const string ListDeadLetters = "ListDeadLetters";
    public const string RunForecasts = "RunForecasts";
    public const string RetrainModels = "RetrainModels";
    public const string GetServerForecast = "GetServerForecast";
    public const string GetServerRisk = "GetServerRisk";
    public const string ListModels = "ListModels";
    public const string ListMigrations = "ListMigrations";
    public const string GetMigration = "GetMigration";
    public const string CreateMigration = "CreateMigration";
    public const string ApproveMigration = "ApproveMigration";
    public const string RejectMigration = "RejectMigration";
    public const string CancelMigration = "CancelMigration";
    public const string RunMigrationController = "RunMigrationController";
    public const string ForecastConnectors = "ForecastConnectors";
    public const string ListConnectors = "ListConnectors";
    public const string ScaleConnectors = "ScaleConnectors";
    public const string GetOpenApi = "GetOpenApi";
    public const string GetHealth = "GetHealth";
    public const string GetDashboard = "GetDashboard";
    public const string GetServer = "GetServer";
    public const string ListAlerts = "ListAlerts";
    public const string GetFleetRiskChart = "GetFleetRiskChart";
    public const string GetServerChart = "GetServerChart";
    public const string GetMigrationTimelineChart = "GetMigrationTimelineChart";
    public const string GetClustersChart = "GetClustersChart";
    public const string GetConnectorsChart = "GetConnectorsChart";

    /// <summary>Binding name of the durableClient input.</summary>
    public const string DurableClientBindingName = "starter";

    /// <summary>Binding name of the Event Hubs trigger: the key of the events in the invocation's <c>Data</c>.</summary>
    public const string EventsBinding = "events";

    /// <summary>Binding name of the timer triggers: the key of the TimerInfo in the invocation's <c>Data</c>.</summary>
    public const string TimerBinding = "timer";

    public static IReadOnlyList<FunctionDeclaration> All { get; } =
    [
        new(IngestMetrics,
            [new EventHubTriggerBinding(EventsBinding, "%MetricsEventHubName%", "EventHubConnection", "%MetricsConsumerGroup%")],
            // Retry until storage is back: Event Hubs would otherwise checkpoint past the failed batch and lose it.
            new RetryDeclaration(MaxRetryCount: -1, MinimumInterval: TimeSpan.FromSeconds(5), MaximumInterval: TimeSpan.FromMinutes(5))),
        Http(IngestMetricsHttp, "metrics", "POST"),
        Http(GetServerMetrics, "servers/{serverId}/metrics", "GET"),
        Http(ListServers, "servers", "GET"),
        Http(ListDeadLetters, "deadletters", "GET"),
        // Timers: a failed run is retried a few times (storage blips); the next tick comes anyway.
        new(RunForecasts, [new TimerTriggerBinding(TimerBinding, "%ForecastSchedule%")],
            new RetryDeclaration(MaxRetryCount: 2, MinimumInterval: TimeSpan.FromSeconds(10), MaximumInterval: TimeSpan.FromMinutes(1))),
        new(RetrainModels, [new TimerTriggerBinding(TimerBinding, "%RetrainSchedule%")],
            new RetryDeclaration(MaxRetryCount: 2, MinimumInterval: TimeSpan.FromMinutes(1), MaximumInterval: TimeSpan.FromMinutes(10))),
        Http(GetServerForecast, "servers/{serverId}/forecast", "GET"),
        Http(GetServerRisk, "servers/{serverId}/risk", "GET"),
        Http(ListModels, "models", "GET"),
        Http(ListMigrations, "migrations", "GET"),
        Http(GetMigration, "migrations/{migrationId}", "GET"),
        // Writes need a Durable client: the durableClient binding makes the host use the envelope (PROTOCOL.md §1.4).
        DurableHttp(CreateMigration, "migrations", "POST"),
        DurableHttp(ApproveMigration, "migrations/{migrationId}/approve", "POST"),
        DurableHttp(RejectMigration, "migrations/{migrationId}/reject", "POST"),
        DurableHttp(CancelMigration, "migrations/{migrationId}/cancel", "POST"),
        new(RunMigrationController, [new TimerTriggerBinding(TimerBinding, "%ControllerSchedule%"), new DurableClientBinding(DurableClientBindingName)],
            new RetryDeclaration(MaxRetryCount: 2, MinimumInterval: TimeSpan.FromSeconds(10), MaximumInterval: TimeSpan.FromMinutes(1))),
        Http(ForecastConnectors, "forecast", "POST"),
        Http(ListConnectors, "connectors", "GET"),
        Http(ScaleConnectors, "scale", "POST", "admin"),
        Http(GetOpenApi, "openapi.json", "GET", "anonymous"),
        Http(GetHealth, "health", "GET", "anonymous"),
        Http(GetDashboard, "dashboard/{*path}", "GET", "anonymous"),
        Http(GetServer, "servers/{serverId}", "GET"),
        Http(ListAlerts, "alerts", "GET"),
        Http(GetFleetRiskChart, "charts/fleet-risk.svg", "GET"),
        Http(GetServerChart, "charts/servers/{serverId}/{resource}.svg", "GET"),
        Http(GetMigrationTimelineChart, "charts/migrations/{migrationId}/timeline.svg", "GET"),
        Http(GetClustersChart, "charts/clusters.svg", "GET"),
        Http(GetConnectorsChart, "charts/connectors.svg", "GET"),
        .. Durable.DurableFunctions.Declarations(),
    ];

    public static FunctionDeclaration Get(string name) =>
        All.SingleOrDefault(f => f.Name == name) ?? throw new KeyNotFoundException($"no function named '{name}' is declared in {nameof(FunctionCatalog)}");

    private static FunctionDeclaration Http(string name, string route, string method, string authLevel = "function") =>
        new(name, [new HttpTriggerBinding("req", route, [method], authLevel), new HttpOutputBinding("res")]);

    private static FunctionDeclaration DurableHttp(string name, string route, string method) =>
        new(name, [new HttpTriggerBinding("req", route, [method]), new DurableClientBinding(DurableClientBindingName), new HttpOutputBinding("res")]);
}
