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

    /// <summary>Binding name of the Event Hubs trigger: the key of the events in the invocation's <c>Data</c>.</summary>
    public const string EventsBinding = "events";

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
    ];

    public static FunctionDeclaration Get(string name) =>
        All.SingleOrDefault(f => f.Name == name) ?? throw new KeyNotFoundException($"no function named '{name}' is declared in {nameof(FunctionCatalog)}");

    private static FunctionDeclaration Http(string name, string route, params string[] methods) =>
        new(name, [new HttpTriggerBinding("req", route, methods), new HttpOutputBinding("res")]);
}
