using System.Text.Json;
using System.Text.RegularExpressions;
using PredictiveMigration.Domain.Cloud;

namespace PredictiveMigration.Sandbox.Traffic;

/// <summary>
/// Validates profile names and <c>PUT /admin/profiles/{profile}/endpoints</c> bodies, naming the field at fault:
/// <c>{"resourceGroup":"rg","endpoints":[{"name":"source","target":"http://127.0.0.1:5001/","weight":90}]}</c>.
/// Unknown properties are refused so that a misspelt field cannot be silently ignored.
/// </summary>
internal static partial class ProfileRequestParser
{
    /// <summary>Largest weight accepted; weights are normalised by their sum, so any scale (0-100, 1-1000) works.</summary>
    public const int MaxWeight = 1_000_000;

    public const int MaxEndpoints = 16;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,62}$")]
    private static partial Regex ProfileName();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")]
    private static partial Regex EndpointName();

    [GeneratedRegex(@"^[A-Za-z0-9._()-]{1,90}$")]
    private static partial Regex ResourceGroupName();

    /// <summary>Null when the name is valid; otherwise the problem.</summary>
    public static TrafficProblem? CheckProfileName(string profile) =>
        !ProfileName().IsMatch(profile)
            ? TrafficProblem.BadRequest("InvalidProfileName", "profile", $"profile '{profile}' must be 1-63 letters, digits or hyphens, starting with a letter or digit")
            : string.Equals(profile, "admin", StringComparison.OrdinalIgnoreCase)
                ? TrafficProblem.BadRequest("InvalidProfileName", "profile", "profile 'admin' is reserved for the admin API")
                : null;

    public static (string? ResourceGroup, IReadOnlyList<WeightedEndpoint>? Endpoints, TrafficProblem? Problem) Parse(ReadOnlySpan<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException ex)
        {
            return (null, null, TrafficProblem.BadRequest("InvalidJson", "body", $"the body is not valid JSON: {ex.Message}"));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null, TrafficProblem.BadRequest("InvalidJson", "body", "the body must be a JSON object with an 'endpoints' array"));
            }

            string? resourceGroup = null;
            JsonElement? endpointsElement = null;
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "resourceGroup":
                        if (property.Value.ValueKind == JsonValueKind.Null)
                        {
                            break;
                        }

                        if (property.Value.ValueKind != JsonValueKind.String || !ResourceGroupName().IsMatch(property.Value.GetString()!))
                        {
                            return (null, null, TrafficProblem.BadRequest("InvalidResourceGroup", "resourceGroup", "resourceGroup must be a string of 1-90 letters, digits, '.', '_', '-', '(' or ')'"));
                        }

                        resourceGroup = property.Value.GetString();
                        break;
                    case "endpoints":
                        endpointsElement = property.Value;
                        break;
                    default:
                        return (null, null, TrafficProblem.BadRequest("UnknownField", property.Name, $"unknown field '{property.Name}'; expected 'resourceGroup' and 'endpoints'"));
                }
            }

            if (endpointsElement is not { ValueKind: JsonValueKind.Array } array)
            {
                return (null, null, TrafficProblem.BadRequest("InvalidEndpoints", "endpoints", "endpoints is required and must be an array"));
            }

            var count = array.GetArrayLength();
            if (count is 0 or > MaxEndpoints)
            {
                return (null, null, TrafficProblem.BadRequest("InvalidEndpoints", "endpoints", $"endpoints must hold 1-{MaxEndpoints} endpoints; got {count}"));
            }

            var endpoints = new List<WeightedEndpoint>(count);
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var index = 0;
            foreach (var item in array.EnumerateArray())
            {
                var (endpoint, problem) = ParseEndpoint(item, $"endpoints[{index}]");
                if (problem is not null)
                {
                    return (null, null, problem);
                }

                if (!names.Add(endpoint!.Name))
                {
                    return (null, null, TrafficProblem.BadRequest("DuplicateEndpoint", $"endpoints[{index}].name", $"endpoints[{index}].name '{endpoint.Name}' appears more than once"));
                }

                endpoints.Add(endpoint);
                index++;
            }

            if (endpoints.All(e => e.Weight == 0))
            {
                return (null, null, TrafficProblem.BadRequest("NoPositiveWeight", "endpoints", "endpoints must have at least one endpoint with a positive weight"));
            }

            return (resourceGroup, endpoints, null);
        }
    }

    private static (WeightedEndpoint? Endpoint, TrafficProblem? Problem) ParseEndpoint(JsonElement item, string path)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return (null, TrafficProblem.BadRequest("InvalidEndpoint", path, $"{path} must be an object with name, target and weight"));
        }

        string? name = null, target = null;
        int? weight = null;
        foreach (var property in item.EnumerateObject())
        {
            var field = $"{path}.{property.Name}";
            switch (property.Name)
            {
                case "name":
                    name = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                    if (name is null || !EndpointName().IsMatch(name))
                    {
                        return (null, TrafficProblem.BadRequest("InvalidEndpointName", field, $"{field} must be 1-80 letters, digits, '.', '_' or '-', starting with a letter or digit"));
                    }

                    break;
                case "target":
                    target = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                    if (target is null || !Uri.TryCreate(target, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                        || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
                    {
                        return (null, TrafficProblem.BadRequest("InvalidTarget", field, $"{field} must be an absolute http(s) URL without query or fragment"));
                    }

                    break;
                case "weight":
                    if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt32(out var w) || w is < 0 or > MaxWeight)
                    {
                        return (null, TrafficProblem.BadRequest("InvalidWeight", field, $"{field} must be an integer 0-{MaxWeight}"));
                    }

                    weight = w;
                    break;
                default:
                    return (null, TrafficProblem.BadRequest("UnknownField", field, $"unknown field '{field}'; expected name, target and weight"));
            }
        }

        return name is null ? (null, TrafficProblem.BadRequest("InvalidEndpointName", $"{path}.name", $"{path}.name is required"))
            : target is null ? (null, TrafficProblem.BadRequest("InvalidTarget", $"{path}.target", $"{path}.target is required"))
            : weight is null ? (null, TrafficProblem.BadRequest("InvalidWeight", $"{path}.weight", $"{path}.weight is required"))
            : (new WeightedEndpoint(name, target, weight.Value), null);
    }
}
