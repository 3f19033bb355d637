
namespace PredictiveMigration.Functions.Hosting;

/// <summary>RFC 9457 problem+json responses that name the field at fault.</summary>
internal static class Problems
{
    public static IResult Create(int status, string title, string detail, string? field, IDictionary<string, object?>? extensions = null)
    {
        var ext = extensions is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>(extensions);
        if (field is not null)
        {
            ext["field"] = field;
        }

        return Results.Problem(detail: detail, statusCode: status, title: title, extensions: ext);
    }
}
