using Microsoft.AspNetCore.Http;

namespace PredictiveMigration.Sandbox.Traffic;

/// <summary>
/// An RFC 9457 problem+json answer of the traffic admin APIs: <c>code</c> says what is wrong (e.g.
/// <c>InvalidWeight</c>), <c>field</c> names the offending input (e.g. <c>endpoints[1].weight</c>).
/// </summary>
internal sealed record TrafficProblem(int Status, string Code, string Detail, string? Field)
{
    public static TrafficProblem BadRequest(string code, string field, string detail) => new(StatusCodes.Status400BadRequest, code, detail, field);

    public Task WriteAsync(HttpContext context)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = Code };
        if (Field is not null)
        {
            extensions["field"] = Field;
        }

        return Results.Problem(detail: Detail, statusCode: Status, title: Code, extensions: extensions).ExecuteAsync(context);
    }
}
