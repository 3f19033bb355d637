namespace PredictiveMigration.Durable.Routes;

/// <summary>What a custom-handler route answers the Functions host.</summary>
/// <param name="StatusCode">The HTTP status: 200 except when our own code cannot even read the request.</param>
/// <param name="Body">The JSON body.</param>
public sealed record RouteResponse(int StatusCode, string Body)
{
    /// <summary>The content type to send (the host picks its formatter by media type; PROTOCOL.md §1.3).</summary>
    public const string JsonContentType = "application/json; charset=utf-8";

    /// <summary>Always <see cref="JsonContentType"/>.</summary>
    public string ContentType => JsonContentType;
}
