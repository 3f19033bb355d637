
namespace PredictiveMigration.Functions.Hosting;

public static class FunctionEndpointExtensions
{
    /// <summary>Maps a declared function's route (path and methods come from its declaration) to a handler.</summary>
    public static RouteHandlerBuilder MapFunction(this IEndpointRouteBuilder endpoints, string functionName, Delegate handler)
    {
        var declaration = FunctionCatalog.Get(functionName);
        return endpoints.MapMethods(declaration.RoutePattern, declaration.HttpMethods, handler)
            .WithName(functionName)
            .WithMetadata(new FunctionNameMetadata(functionName));
    }
}
