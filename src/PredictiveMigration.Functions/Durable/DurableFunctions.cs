using PredictiveMigration.Durable;
using PredictiveMigration.Durable.Replay;
using PredictiveMigration.Durable.Routes;
using PredictiveMigration.Functions.Hosting;
using PredictiveMigration.Functions.Hosting.Bindings;
using PredictiveMigration.Workflows;
using PredictiveMigration.Workflows.Connectors;

namespace PredictiveMigration.Functions.Durable;

/// <summary>
/// The app's orchestrator and activity functions: one function (function.json + route) per registered orchestrator
/// and activity, served through the Durable routes (PROTOCOL.md §3). The names come from the workflow registry, so
/// the catalog cannot miss one.
/// </summary>
public static class DurableFunctions
{
    /// <summary>The orchestrators and activities the app hosts.</summary>
    public static DurableTaskRegistry CreateRegistry() => new DurableTaskRegistry().AddMigrationWorkflows().AddConnectorWorkflows();

    /// <summary>Catalog declarations for every orchestrator and activity of <see cref="CreateRegistry"/>.</summary>
    public static IEnumerable<FunctionDeclaration> Declarations()
    {
        var registry = CreateRegistry();
        foreach (var name in registry.OrchestratorNames.Order(StringComparer.Ordinal))
        {
            yield return new FunctionDeclaration(name, [new OrchestrationTriggerBinding(OrchestratorRoute.DefaultBindingName)]);
        }

        foreach (var name in registry.ActivityNames.Order(StringComparer.Ordinal))
        {
            yield return new FunctionDeclaration(name, [new ActivityTriggerBinding(ActivityRoute.DefaultBindingName)]);
        }
    }

    /// <summary>Maps <c>POST /{name}</c> for each orchestrator and activity.</summary>
    public static void MapDurableFunctions(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var registry = CreateRegistry();
        var options = new DurableTaskOptions();
        var orchestratorRoute = new OrchestratorRoute(new OrchestrationExecutor(registry, options, app.Services));
        var activityRoute = new ActivityRoute(registry, options, app.Services);
        foreach (var name in registry.OrchestratorNames)
        {
            app.MapFunction(name, async (HttpContext context) =>
            {
                var body = await ReadAsync(context).ConfigureAwait(false);
                await WriteAsync(context, orchestratorRoute.Handle(body)).ConfigureAwait(false);
            });
        }

        foreach (var name in registry.ActivityNames)
        {
            app.MapFunction(name, async (HttpContext context) =>
            {
                var body = await ReadAsync(context).ConfigureAwait(false);
                var response = await activityRoute.HandleAsync(name, body, context.RequestAborted).ConfigureAwait(false);
                await WriteAsync(context, response).ConfigureAwait(false);
            });
        }
    }

    private static async Task<byte[]> ReadAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private static async Task WriteAsync(HttpContext context, RouteResponse response)
    {
        context.Response.StatusCode = response.StatusCode;
        context.Response.ContentType = response.ContentType;
        await context.Response.WriteAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
    }
}
