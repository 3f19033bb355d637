using System.Security.Cryptography;
using System.Text;
using PredictiveMigration.Functions.Hosting.Bindings;

namespace PredictiveMigration.Functions.Hosting;

/// <summary>
/// Key checks for the HTTP functions when the app runs without the Functions host in front (the sandbox, local runs).
/// In Azure the host enforces each function's <c>authLevel</c> with function and admin keys before forwarding, so no
/// key is configured and this does nothing. Locally, <c>ApiKey</c> (and optionally <c>AdminApiKey</c>) switch it on,
/// with the host's rules: <c>anonymous</c> passes, <c>function</c> takes either key, <c>admin</c> only the admin key;
/// the key comes in the <c>x-functions-key</c> header or the <c>code</c> query parameter, as with the host.
/// </summary>
public static class ApiKeyAuthentication
{
    public const string KeySetting = "ApiKey";
    public const string AdminKeySetting = "AdminApiKey";
    public const string HeaderName = "x-functions-key";
    public const string QueryName = "code";

    /// <summary>Adds the check to the pipeline (after routing, so the function's declaration is known).</summary>
    public static IApplicationBuilder UseApiKeys(this IApplicationBuilder app, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(configuration);
        var key = Normalise(configuration[KeySetting]);
        var adminKey = Normalise(configuration[AdminKeySetting]);
        if (key is null && adminKey is null)
        {
            return app;
        }

        return app.Use(async (context, next) =>
        {
            var level = AuthLevelOf(context);
            if (level is null or "anonymous" || IsAllowed(context.Request, level, key, adminKey))
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            var detail = level == "admin"
                ? $"this function needs the admin key in the {HeaderName} header or the {QueryName} query parameter"
                : $"this function needs an API key in the {HeaderName} header or the {QueryName} query parameter";
            context.Response.Headers.WWWAuthenticate = "ApiKey";
            await Problems.Create(401, "Unauthorized", detail, HeaderName).ExecuteAsync(context).ConfigureAwait(false);
        });
    }

    private static string? AuthLevelOf(HttpContext context)
    {
        var name = context.GetEndpoint()?.Metadata.GetMetadata<FunctionNameMetadata>()?.Name;
        if (name is null)
        {
            return null;
        }

        // Envelope invocations (POST /{FunctionName}) come from the Functions host, which checked the key already.
        var declaration = FunctionCatalog.Get(name);
        var trigger = declaration.Bindings.OfType<HttpTriggerBinding>().FirstOrDefault();
        return trigger is null || context.Request.Path.Equals("/" + name, StringComparison.OrdinalIgnoreCase) ? null : trigger.AuthLevel;
    }

    private static bool IsAllowed(HttpRequest request, string level, string? key, string? adminKey)
    {
        var presented = request.Headers[HeaderName].ToString();
        if (string.IsNullOrEmpty(presented))
        {
            presented = request.Query[QueryName].ToString();
        }

        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        return Matches(presented, adminKey) || (level != "admin" && Matches(presented, key));
    }

    private static bool Matches(string presented, string? expected) =>
        expected is not null &&
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));

    private static string? Normalise(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
