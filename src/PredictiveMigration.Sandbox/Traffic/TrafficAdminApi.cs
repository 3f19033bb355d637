using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PredictiveMigration.Sandbox.Traffic;

/// <summary>
/// The proxy's admin API (JSON; errors are problem+json naming the field):
/// <list type="bullet">
/// <item><c>GET /admin/profiles</c>: every profile.</item>
/// <item><c>GET /admin/profiles/{profile}/endpoints</c>: a profile's endpoints and weights (404 <c>ProfileNotFound</c>).</item>
/// <item><c>PUT /admin/profiles/{profile}/endpoints</c>: create or replace them (idempotent; 409 <c>ProfileInOtherResourceGroup</c>).</item>
/// <item><c>GET /admin/profiles/{profile}/health?windowMs=N</c>: every endpoint's passive health, retries, unroutable requests.</item>
/// <item><c>GET /admin/profiles/{profile}/endpoints/{endpoint}/health?windowMs=N</c>: one endpoint's (404 <c>EndpointNotFound</c>).</item>
/// </list>
/// </summary>
internal sealed class TrafficAdminApi(TrafficProfileRegistry registry, SandboxTrafficProxyOptions options)
{
    private const long DefaultWindowMs = 10_000;

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/admin/profiles", context => Results.Json(registry.All.Select(p => p.ToDocument())).ExecuteAsync(context));
        routes.MapGet("/admin/profiles/{profile}/endpoints", GetEndpointsAsync);
        routes.MapPut("/admin/profiles/{profile}/endpoints", PutEndpointsAsync);
        routes.MapGet("/admin/profiles/{profile}/health", GetProfileHealthAsync);
        routes.MapGet("/admin/profiles/{profile}/endpoints/{endpoint}/health", GetEndpointHealthAsync);
    }

    private Task GetEndpointsAsync(HttpContext context) =>
        FindProfile(context, out var profile) is { } problem
            ? problem.WriteAsync(context)
            : Results.Json(profile.ToDocument()).ExecuteAsync(context);

    private async Task PutEndpointsAsync(HttpContext context)
    {
        var name = (string)context.Request.RouteValues["profile"]!;
        if (ProfileRequestParser.CheckProfileName(name) is { } badName)
        {
            await badName.WriteAsync(context).ConfigureAwait(false);
            return;
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        var (resourceGroup, endpoints, problem) = ProfileRequestParser.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        if (problem is not null)
        {
            await problem.WriteAsync(context).ConfigureAwait(false);
            return;
        }

        var profile = await registry.PutAsync(name, resourceGroup, endpoints!, context.RequestAborted).ConfigureAwait(false);
        if (profile is null)
        {
            registry.TryGet(name, out var existing);
            await new TrafficProblem(StatusCodes.Status409Conflict, "ProfileInOtherResourceGroup", $"profile '{name}' belongs to resourceGroup '{existing.ResourceGroup}'; profile names are unique across groups", "resourceGroup").WriteAsync(context).ConfigureAwait(false);
            return;
        }

        await Results.Json(profile.ToDocument()).ExecuteAsync(context).ConfigureAwait(false);
    }

    private Task GetProfileHealthAsync(HttpContext context)
    {
        var problem = FindProfile(context, out var profile);
        var badWindow = ParseWindow(context, out var window);
        if ((problem ?? badWindow) is { } first)
        {
            return first.WriteAsync(context);
        }

        var endpoints = profile.Weights.Endpoints.Select(e => profile.StatsOf(e.Name).Sample(window)).ToList();
        return Results.Json(new ProfileHealthDocument(profile.Name, (long)window.TotalMilliseconds, profile.Retries, profile.NoDestination, endpoints)).ExecuteAsync(context);
    }

    private Task GetEndpointHealthAsync(HttpContext context)
    {
        var problem = FindProfile(context, out var profile);
        var badWindow = ParseWindow(context, out var window);
        if ((problem ?? badWindow) is { } first)
        {
            return first.WriteAsync(context);
        }

        var endpoint = (string)context.Request.RouteValues["endpoint"]!;
        if (!profile.Weights.Endpoints.Any(e => string.Equals(e.Name, endpoint, StringComparison.OrdinalIgnoreCase)))
        {
            return new TrafficProblem(StatusCodes.Status404NotFound, "EndpointNotFound", $"profile '{profile.Name}' has no endpoint '{endpoint}'", "endpoint").WriteAsync(context);
        }

        return Results.Json(profile.StatsOf(endpoint).Sample(window)).ExecuteAsync(context);
    }

    private TrafficProblem? FindProfile(HttpContext context, out TrafficProfile profile)
    {
        var name = (string)context.Request.RouteValues["profile"]!;
        profile = null!;
        return ProfileRequestParser.CheckProfileName(name) is { } bad ? bad
            : registry.TryGet(name, out profile) ? null
            : new TrafficProblem(StatusCodes.Status404NotFound, "ProfileNotFound", $"no profile '{name}'", "profile");
    }

    private TrafficProblem? ParseWindow(HttpContext context, out TimeSpan window)
    {
        var raw = context.Request.Query["windowMs"];
        var max = (long)options.MaxHealthWindow.TotalMilliseconds;
        var ms = DefaultWindowMs;
        if (raw.Count > 0 && (!long.TryParse(raw[0], NumberStyles.None, CultureInfo.InvariantCulture, out ms) || ms < 1 || ms > max))
        {
            window = default;
            return TrafficProblem.BadRequest("InvalidWindow", "windowMs", $"windowMs must be an integer 1-{max}");
        }

        window = TimeSpan.FromMilliseconds(Math.Min(ms, max));
        return null;
    }
}
