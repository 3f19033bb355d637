using System.Globalization;
using PredictiveMigration.Azure.Metrics;
using PredictiveMigration.Domain.Common;
using PredictiveMigration.Azure.Alerts;
using PredictiveMigration.Functions.Alerts;
using PredictiveMigration.Functions.Api;
using PredictiveMigration.Functions.Connectors;
using PredictiveMigration.Functions.Dashboard;
using PredictiveMigration.Functions.Durable;
using PredictiveMigration.Functions.Forecasting;
using PredictiveMigration.Functions.Hosting;
using PredictiveMigration.Functions.Ingestion;
using PredictiveMigration.Functions.Migrations;

namespace PredictiveMigration.Functions;

/// <summary>
/// Builds the custom-handler web app. It listens on 127.0.0.1 (the host connects to IPv4 loopback) at
/// <c>FUNCTIONS_CUSTOMHANDLER_PORT</c>, which the Functions host sets; standalone it defaults to 7071, and
/// <c>--urls</c> overrides both. <c>GET /</c> answers at once: the host polls it for readiness.
/// </summary>
public static class FunctionsApp
{
    /// <summary>Port used when neither the host nor --urls names one.</summary>
    public const int DefaultPort = 7071;

    /// <summary>
    /// App settings the code reads that have no default, so a deployment must set them (the deployment tests check
    /// infra/ against this list and against the connections and %placeholders% of every function.json).
    /// </summary>
    public static IReadOnlyList<string> RequiredSettings { get; } = ["AzureWebJobsStorage"];

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            var portText = builder.Configuration["FUNCTIONS_CUSTOMHANDLER_PORT"];
            var port = DefaultPort;
            if (!string.IsNullOrEmpty(portText) && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
            {
                throw new InvalidOperationException($"FUNCTIONS_CUSTOMHANDLER_PORT must be a TCP port number (was '{portText}').");
            }

            builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        }

        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = IngestMetricsFunction.MaxBodyBytes);
        builder.Services.AddProblemDetails();
        // PM_CLOCK (the sandbox's accelerated clock, shared with its trigger host): registered before the features,
        // which only add the system clock when no TimeProvider is registered.
        if (AcceleratedTimeProvider.FromSetting(builder.Configuration[AcceleratedTimeProvider.SettingName]) is { } clock)
        {
            builder.Services.AddSingleton<TimeProvider>(clock);
        }

        builder.Services.AddMetricsStorage(builder.Configuration);
        builder.Services.AddForecasting(builder.Configuration);
        builder.Services.AddMigrations(builder.Configuration);
        builder.Services.AddAlerts(builder.Configuration);
        builder.Services.AddAlertPublishing(builder.Configuration);
        builder.Services.AddConnectorServices(builder.Configuration);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapGet("/", () => Results.Json(new { status = "ok", app = "PredictiveMigration.Functions", functions = FunctionCatalog.All.Select(f => f.Name) }));
        app.UseApiKeys(app.Configuration);
        app.MapFunctions();
        app.Lifetime.ApplicationStarted.Register(() =>
            Logs.Listening(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PredictiveMigration.Functions"), string.Join(", ", app.Urls)));
        return app;
    }

    /// <summary>Maps every declared function to its handler.</summary>
    public static void MapFunctions(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapFunction(FunctionCatalog.IngestMetrics, IngestMetricsFunction.HandleAsync);
        app.MapFunction(FunctionCatalog.IngestMetricsHttp, IngestMetricsHttpFunction.HandleAsync);
        app.MapFunction(FunctionCatalog.GetServerMetrics, MetricsApiFunctions.GetServerMetricsAsync);
        app.MapFunction(FunctionCatalog.ListServers, MetricsApiFunctions.ListServersAsync);
        app.MapFunction(FunctionCatalog.ListDeadLetters, MetricsApiFunctions.ListDeadLettersAsync);
        app.MapFunction(FunctionCatalog.RunForecasts, RunForecastsFunction.HandleAsync);
        app.MapFunction(FunctionCatalog.RetrainModels, RetrainModelsFunction.HandleAsync);
        app.MapFunction(FunctionCatalog.GetServerForecast, ForecastApiFunctions.GetServerForecastAsync);
        app.MapFunction(FunctionCatalog.GetServerRisk, ForecastApiFunctions.GetServerRiskAsync);
        app.MapFunction(FunctionCatalog.ListModels, ForecastApiFunctions.ListModelsAsync);
        app.MapFunction(FunctionCatalog.ListMigrations, MigrationFunctions.ListAsync);
        app.MapFunction(FunctionCatalog.GetMigration, MigrationFunctions.GetAsync);
        app.MapEnvelopeHttpFunction(FunctionCatalog.CreateMigration, (context, envelope) =>
            MigrationFunctions.HandleWriteAsync(context, envelope, (commands, request, client, ct) => commands.CreateAsync(request, client, ct)));
        app.MapEnvelopeHttpFunction(FunctionCatalog.ApproveMigration, (context, envelope) =>
            MigrationFunctions.HandleWriteAsync(context, envelope, (commands, request, client, ct) => commands.DecideAsync(request.Route("migrationId"), approve: true, request, client, ct)));
        app.MapEnvelopeHttpFunction(FunctionCatalog.RejectMigration, (context, envelope) =>
            MigrationFunctions.HandleWriteAsync(context, envelope, (commands, request, client, ct) => commands.DecideAsync(request.Route("migrationId"), approve: false, request, client, ct)));
        app.MapEnvelopeHttpFunction(FunctionCatalog.CancelMigration, (context, envelope) =>
            MigrationFunctions.HandleWriteAsync(context, envelope, (commands, request, client, ct) => commands.CancelAsync(request.Route("migrationId"), request, client, ct)));
        app.MapFunction(FunctionCatalog.RunMigrationController, MigrationFunctions.RunControllerAsync);
        app.MapFunction(FunctionCatalog.ForecastConnectors, ConnectorApiFunctions.ForecastAsync);
        app.MapFunction(FunctionCatalog.ListConnectors, ConnectorApiFunctions.ListAsync);
        app.MapFunction(FunctionCatalog.ScaleConnectors, ConnectorApiFunctions.ScaleAsync);
        app.MapFunction(FunctionCatalog.GetOpenApi, HealthFunctions.GetOpenApi);
        app.MapFunction(FunctionCatalog.GetHealth, HealthFunctions.GetHealthAsync);
        app.MapFunction(FunctionCatalog.GetDashboard, DashboardFunctions.Get);
        app.MapFunction(FunctionCatalog.GetServer, ChartFunctions.GetServerAsync);
        app.MapFunction(FunctionCatalog.ListAlerts, ChartFunctions.ListAlertsAsync);
        app.MapFunction(FunctionCatalog.GetFleetRiskChart, ChartFunctions.FleetRiskAsync);
        app.MapFunction(FunctionCatalog.GetServerChart, ChartFunctions.ServerChartAsync);
        app.MapFunction(FunctionCatalog.GetMigrationTimelineChart, ChartFunctions.MigrationTimelineAsync);
        app.MapFunction(FunctionCatalog.GetClustersChart, ChartFunctions.ClustersAsync);
        app.MapFunction(FunctionCatalog.GetConnectorsChart, ChartFunctions.ConnectorsAsync);
        app.MapDurableFunctions();
    }
}
