using System.Globalization;
using PredictiveMigration.Azure.Metrics;
using PredictiveMigration.Functions.Api;
using PredictiveMigration.Functions.Hosting;
using PredictiveMigration.Functions.Ingestion;

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
        builder.Services.AddMetricsStorage(builder.Configuration);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapGet("/", () => Results.Json(new { status = "ok", app = "PredictiveMigration.Functions", functions = FunctionCatalog.All.Select(f => f.Name) }));
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
    }
}
