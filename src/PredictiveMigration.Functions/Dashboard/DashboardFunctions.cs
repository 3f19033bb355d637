using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace PredictiveMigration.Functions.Dashboard;

/// <summary>
/// Serves the dashboard's static files (embedded in the assembly, so the package needs no wwwroot folder) at
/// <c>/api/dashboard/…</c>. The files are public; the data they fetch needs the API key.
/// </summary>
public static class DashboardFunctions
{
    private const string Prefix = "dashboard/";

    private static readonly FrozenDictionary<string, (byte[] Content, string ContentType, string ETag)> Files = Load();

    /// <summary>The embedded file names (for tests).</summary>
    public static IReadOnlyCollection<string> FileNames => Files.Keys;

    /// <summary><c>GET /api/dashboard/{*path}</c>: a file, or index.html for the root.</summary>
    public static IResult Get(string? path, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = string.IsNullOrEmpty(path) ? "index.html" : path;
        if (!Files.TryGetValue(name, out var file))
        {
            return Hosting.Problems.Create(404, "Not found", $"the dashboard has no file '{name}'", "path");
        }

        if (string.IsNullOrEmpty(path) && !request.Path.Value!.EndsWith('/'))
        {
            // Relative links in index.html need the trailing slash.
            return Results.Redirect(request.PathBase + request.Path + "/" + request.QueryString);
        }

        if (request.Headers.IfNoneMatch.ToString() == file.ETag)
        {
            return Results.StatusCode(304);
        }

        request.HttpContext.Response.Headers.ETag = file.ETag;
        request.HttpContext.Response.Headers.CacheControl = "no-cache";
        request.HttpContext.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        return Results.Bytes(file.Content, file.ContentType);
    }

    private static FrozenDictionary<string, (byte[], string, string)> Load()
    {
        var assembly = typeof(DashboardFunctions).Assembly;
        var files = new Dictionary<string, (byte[], string, string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var bytes = buffer.ToArray();
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 8)) + "\"";
            files[resource[Prefix.Length..]] = (bytes, ContentTypeOf(resource), etag);
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}
