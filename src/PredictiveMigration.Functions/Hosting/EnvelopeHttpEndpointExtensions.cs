using PredictiveMigration.Functions.Hosting.Bindings;

namespace PredictiveMigration.Functions.Hosting;

/// <summary>
/// Maps an HTTP function that the host invokes through the envelope (it has a binding besides HTTP in and out, such as
/// durableClient): <c>POST /{FunctionName}</c> for the host, and its public route (<c>/api/…</c>) for local runs where
/// the app is called directly.
/// </summary>
public static class EnvelopeHttpEndpointExtensions
{
    /// <summary>Maps both routes; <paramref name="handler"/> gets whether the request is an envelope.</summary>
    public static void MapEnvelopeHttpFunction(this IEndpointRouteBuilder endpoints, string functionName, Func<HttpContext, bool, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(handler);
        var declaration = FunctionCatalog.Get(functionName);
        var trigger = declaration.Bindings.OfType<HttpTriggerBinding>().Single();
        if (declaration.IsForwardedHttp)
        {
            throw new InvalidOperationException($"{functionName} is a forwarded HTTP function; map it with MapFunction");
        }

        endpoints.MapPost(declaration.RoutePattern, (HttpContext context) => handler(context, true))
            .WithName(functionName)
            .WithMetadata(new FunctionNameMetadata(functionName));
        endpoints.MapMethods($"/{FunctionDeclaration.RoutePrefix}/{trigger.Route}", [.. trigger.Methods.Select(m => m.ToUpperInvariant())], (HttpContext context) => handler(context, false))
            .WithMetadata(new FunctionNameMetadata(functionName));
    }
}
