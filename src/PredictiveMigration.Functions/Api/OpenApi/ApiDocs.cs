using PredictiveMigration.Functions.Hosting;

namespace PredictiveMigration.Functions.Api.OpenApi;

/// <summary>
/// The documentation of every HTTP function, keyed by function name. A test proves each forwarded HTTP function in
/// <see cref="FunctionCatalog"/> has an entry here, so a new endpoint cannot ship undocumented.
/// </summary>
public static class ApiDocs
{
    private static readonly Dictionary<int, string> BadRequest = new() { [400] = "Invalid input; the problem names the field." };

    private static readonly Dictionary<string, ApiOperationDoc> Docs = new(StringComparer.Ordinal)
    {
        [FunctionCatalog.IngestMetricsHttp] = new(
            "Ingest a batch of metric events (schema v1, a JSON array or one object)", "Metrics", [],
            "A JSON array of metric events (docs/metrics-schema.md).",
            new Dictionary<int, string>
            {
                [200] = "Accepted: counts of stored, duplicate and rejected events (rejected ones are dead-lettered).",
                [400] = "The body is not JSON of the expected shape.",
                [413] = "The body is over the size limit.",
                [503] = "Storage is unavailable; retry after the Retry-After header.",
            }),
        [FunctionCatalog.GetServerMetrics] = new(
            "A server's metric series at a resolution, with gaps marked", "Servers",
            [
                new("metric", "Comma-separated metric names (default: all)."),
                new("from", "ISO-8601 start (default: one hour before 'to')."),
                new("to", "ISO-8601 end (default: now)."),
                new("resolution", "Bucket size such as 1m, 5m, 1h (default: at most 360 points)."),
            ],
            null,
            new Dictionary<int, string>(BadRequest) { [200] = "The series." }),
        [FunctionCatalog.ListServers] = new(
            "The servers seen by ingestion, with last seen, capacity, latest risk summary and active migration", "Servers",
            [
                new("sort", "risk (default: highest score first, unassessed last), id, or lastSeen (newest first)."),
                new("q", "Only server ids containing this text (case-insensitive)."),
                new("page", "1-based page (default 1).", Type: "integer"),
                new("pageSize", "Rows per page (1-500, default 100).", Type: "integer"),
            ],
            null,
            new Dictionary<int, string>(BadRequest) { [200] = "The page of servers with the total count." }),
        [FunctionCatalog.GetServer] = new(
            "One server: inventory row and latest risk summary", "Servers", [], null,
            new Dictionary<int, string> { [200] = "The server.", [404] = "No server with this id has reported." }),
        [FunctionCatalog.ListDeadLetters] = new(
            "Rejected metric events with their reasons", "Metrics",
            [new("days", "How many days back (1-31, default 1).", Type: "integer"), new("max", "Most rows to return (1-1000, default 100).", Type: "integer")],
            null,
            new Dictionary<int, string>(BadRequest) { [200] = "The dead letters, newest first." }),
        [FunctionCatalog.GetServerForecast] = new(
            "A server's forecast per resource and horizon, with 80/90/95 % bands", "Servers", [], null,
            new Dictionary<int, string> { [200] = "The forecast.", [404] = "No forecast for this server yet." }),
        [FunctionCatalog.GetServerRisk] = new(
            "A server's risk assessment: score, per-resource risk and the reasons in words", "Servers", [], null,
            new Dictionary<int, string> { [200] = "The assessment.", [404] = "No assessment for this server yet." }),
        [FunctionCatalog.ListModels] = new(
            "The current forecasting model, its training window and backtest scores, and the version history", "Models", [], null,
            new Dictionary<int, string> { [200] = "The models." }),
        [FunctionCatalog.ListMigrations] = new(
            "Migrations, newest first", "Migrations",
            [
                new("status", "all (default), active, or a status such as Running or RolledBack."),
                new("serverId", "Only this server's migrations."),
                new("max", "Most rows (1-1000, default 200).", Type: "integer"),
            ],
            null,
            new Dictionary<int, string>(BadRequest) { [200] = "The migrations." }),
        [FunctionCatalog.GetMigration] = new(
            "A migration with its decision and step timeline", "Migrations", [], null,
            new Dictionary<int, string> { [200] = "The migration.", [404] = "No such migration." }),
        [FunctionCatalog.CreateMigration] = new(
            "Request a migration of a server; the controller decides strategy, target and time", "Migrations", [],
            "{\"serverId\": \"…\", \"reason\": \"…\"}",
            new Dictionary<int, string>(BadRequest)
            {
                [202] = "Decided (or queued behind the limits); Location is the status URL.",
                [422] = "The server cannot be migrated (unknown, or no target fits); the detail says why.",
                [503] = "No Durable client is available.",
            }),
        [FunctionCatalog.ApproveMigration] = new(
            "Approve a migration waiting at its approval gate", "Migrations", [], "{\"by\": \"…\", \"comment\": \"…\"} (optional)",
            new Dictionary<int, string>(BadRequest) { [202] = "The approval was sent.", [404] = "No such migration.", [409] = "It is not awaiting approval." }),
        [FunctionCatalog.RejectMigration] = new(
            "Reject a migration waiting at its approval gate (nothing is provisioned)", "Migrations", [], "{\"by\": \"…\", \"comment\": \"…\"} (optional)",
            new Dictionary<int, string>(BadRequest) { [202] = "The rejection was sent.", [404] = "No such migration.", [409] = "It is not awaiting approval." }),
        [FunctionCatalog.CancelMigration] = new(
            "Cancel a running migration: the steps done so far are compensated", "Migrations", [], "{\"reason\": \"…\", \"by\": \"…\"} (optional)",
            new Dictionary<int, string>(BadRequest) { [202] = "The cancellation was sent.", [404] = "No such migration.", [409] = "It has already ended." }),
        [FunctionCatalog.ForecastConnectors] = new(
            "Predicted connector resources (vCPUs, memory, bandwidth, storage, duration with bounds) for a migration request", "Connectors", [],
            "A migration request: source region, data size, deadline (docs/connectors.md).",
            new Dictionary<int, string>(BadRequest) { [200] = "The prediction.", [413] = "The body is too large." }),
        [FunctionCatalog.ListConnectors] = new(
            "Connectors with their state and capacity, and a summary per region", "Connectors",
            [new("region", "Only this region.")], null,
            new Dictionary<int, string>(BadRequest) { [200] = "The connectors." }),
        [FunctionCatalog.ScaleConnectors] = new(
            "Provision or scale down connectors (idempotent with an Idempotency-Key header)", "Connectors", [],
            "The scale request (docs/connectors.md).",
            new Dictionary<int, string>(BadRequest)
            {
                [200] = "The actions taken.", [409] = "The idempotency key was used with another body.",
                [413] = "The body is too large.", [502] = "An action failed.", [503] = "Every failure was transient; retry.",
            }),
        [FunctionCatalog.GetOpenApi] = new(
            "This document", "Meta", [], null, new Dictionary<int, string> { [200] = "The OpenAPI 3.1 document." }),
        [FunctionCatalog.GetHealth] = new(
            "Health: whether storage answers", "Meta", [], null,
            new Dictionary<int, string> { [200] = "Healthy.", [503] = "A dependency does not answer." }),
        [FunctionCatalog.GetDashboard] = new(
            "The dashboard's files (index.html for the root)", "Meta", [], null,
            new Dictionary<int, string> { [200] = "The file.", [404] = "No such file." }),
        [FunctionCatalog.ListAlerts] = new(
            "Recent alerts, newest first, with their delivery per subscription", "Alerts",
            [new("max", "Most rows (1-1000, default 100).", Type: "integer")], null,
            new Dictionary<int, string>(BadRequest) { [200] = "The alerts." }),
        [FunctionCatalog.GetFleetRiskChart] = new(
            "SVG bar chart of the 30 highest risk scores (bars carry data-label and data-value)", "Charts", [], null,
            new Dictionary<int, string> { [200] = "The chart (image/svg+xml)." }),
        [FunctionCatalog.GetServerChart] = new(
            "SVG chart of a server resource (cpu, memory, diskio, network): 6 h of actuals, the latest forecast with its 90 % band, threshold and now marker", "Charts", [], null,
            new Dictionary<int, string>
            {
                [200] = "The chart (image/svg+xml).", [400] = "Unknown resource; the problem names the field.", [404] = "No such server.",
            }),
        [FunctionCatalog.GetMigrationTimelineChart] = new(
            "SVG timeline of a migration's steps", "Charts", [], null,
            new Dictionary<int, string> { [200] = "The chart (image/svg+xml).", [404] = "No such migration." }),
        [FunctionCatalog.GetClustersChart] = new(
            "SVG bar chart of assessed servers per risk band (no cluster assignment is stored)", "Charts", [], null,
            new Dictionary<int, string> { [200] = "The chart (image/svg+xml)." }),
        [FunctionCatalog.GetConnectorsChart] = new(
            "SVG bar chart of connectors per region", "Charts", [], null,
            new Dictionary<int, string> { [200] = "The chart (image/svg+xml)." }),
    };

    /// <summary>The documentation of <paramref name="functionName"/>.</summary>
    /// <exception cref="KeyNotFoundException">The function has no entry.</exception>
    public static ApiOperationDoc For(string functionName) =>
        Docs.TryGetValue(functionName, out var doc)
            ? doc
            : throw new KeyNotFoundException($"HTTP function '{functionName}' has no entry in {nameof(ApiDocs)}");

    /// <summary>Whether <paramref name="functionName"/> has an entry.</summary>
    public static bool Has(string functionName) => Docs.ContainsKey(functionName);
}
