namespace PredictiveMigration.Functions.Api.OpenApi;

/// <summary>What the OpenAPI document says of one HTTP function beyond what its declaration already gives (route, methods, auth).</summary>
/// <param name="Summary">One line, imperative.</param>
/// <param name="Tag">The group in the document (Servers, Migrations, …).</param>
/// <param name="Query">Query parameters: name, description, whether required, and a JSON Schema type.</param>
/// <param name="RequestBody">Description of the JSON body for POST/PUT; null for none.</param>
/// <param name="Responses">Status codes and what they mean (problem+json bodies for 4xx/5xx).</param>
public sealed record ApiOperationDoc(
    string Summary,
    string Tag,
    IReadOnlyList<ApiParameterDoc> Query,
    string? RequestBody,
    IReadOnlyDictionary<int, string> Responses);

/// <summary>One query parameter.</summary>
public sealed record ApiParameterDoc(string Name, string Description, bool Required = false, string Type = "string");
