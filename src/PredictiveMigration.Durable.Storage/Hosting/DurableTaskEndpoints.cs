using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PredictiveMigration.Durable.Replay;
using PredictiveMigration.Durable.Routes;

namespace PredictiveMigration.Durable.Storage.Hosting;

/// <summary>
/// Maps <c>POST /{name}</c> for every orchestrator and activity of a registry onto <see cref="OrchestratorRoute"/> and
/// <see cref="ActivityRoute"/>, the way the Functions app exposes them to the host. For development hosts, tests and
/// benchmarks that run orchestrations against the development backend without the Functions app.
/// </summary>
public static class DurableTaskEndpoints
{
    /// <summary>Maps the routes.</summary>
    /// <param name="endpoints">The app.</param>
    /// <param name="registry">The orchestrators and activities.</param>
    /// <param name="options">Serialization settings; default <see cref="DurableTaskOptions"/>.</param>
    /// <param name="services">Resolves task constructor dependencies; default: the app's services.</param>
    /// <returns>The endpoint convention builder of the route.</returns>
    public static IEndpointConventionBuilder MapDurableTaskRoutes(
        this IEndpointRouteBuilder endpoints,
        DurableTaskRegistry registry,
        DurableTaskOptions? options = null,
        IServiceProvider? services = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(registry);
        options ??= new DurableTaskOptions();
        services ??= endpoints.ServiceProvider;
        var orchestrators = new HashSet<string>(registry.OrchestratorNames, StringComparer.OrdinalIgnoreCase);
        var activities = new HashSet<string>(registry.ActivityNames, StringComparer.OrdinalIgnoreCase);
        var orchestratorRoute = new OrchestratorRoute(new OrchestrationExecutor(registry, options, services));
        var activityRoute = new ActivityRoute(registry, options, services);

        return endpoints.MapPost("/{name}", async (string name, HttpContext context) =>
        {
            CancellationToken cancellationToken = context.RequestAborted;
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            RouteResponse response;
            if (orchestrators.Contains(name))
            {
                response = orchestratorRoute.Handle(buffer.ToArray());
            }
            else if (activities.Contains(name))
            {
                response = await activityRoute.HandleAsync(name, buffer.ToArray(), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            context.Response.StatusCode = response.StatusCode;
            context.Response.ContentType = response.ContentType;
            await context.Response.WriteAsync(response.Body, cancellationToken).ConfigureAwait(false);
        });
    }
}
