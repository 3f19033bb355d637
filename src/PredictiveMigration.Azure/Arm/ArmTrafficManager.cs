using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Core;
using Azure.ResourceManager;
using Azure.ResourceManager.Resources;
using PredictiveMigration.Domain.Cloud;

namespace PredictiveMigration.Azure.Arm;

/// <summary>
/// <see cref="ITrafficRouter"/> over a Traffic Manager profile with the Weighted routing method, written as a generic
/// ARM resource (the Network SDK package is not available). External endpoints carry the targets; a low DNS TTL keeps
/// shifts quick (ADR 0004).
/// </summary>
public sealed class ArmTrafficManager(ArmClient arm, string subscriptionId, int dnsTtlSeconds = 10) : ITrafficRouter
{
    private ResourceIdentifier ProfileId(string resourceGroup, string profile) =>
        new($"/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.Network/trafficManagerProfiles/{profile}");

    public async Task<CloudResult<IReadOnlyList<WeightedEndpoint>>> SetWeightsAsync(string resourceGroup, string profile, IReadOnlyList<WeightedEndpoint> endpoints, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.FirstOrDefault(e => e.Weight is < 0 or > 1000) is { } bad)
        {
            return CloudResult<IReadOnlyList<WeightedEndpoint>>.Fail(new CloudFailure("InvalidWeight", $"endpoint '{bad.Name}' has weight {bad.Weight}; weights are 0-1000", 400, null, Transient: false));
        }

        var properties = new JsonObject
        {
            ["profileStatus"] = "Enabled",
            ["trafficRoutingMethod"] = "Weighted",
            ["dnsConfig"] = new JsonObject { ["relativeName"] = profile, ["ttl"] = dnsTtlSeconds },
            ["monitorConfig"] = new JsonObject { ["protocol"] = "HTTPS", ["port"] = 443, ["path"] = "/healthz" },
            ["endpoints"] = new JsonArray([.. endpoints.Select(e => (JsonNode)new JsonObject
            {
                ["name"] = e.Name,
                ["type"] = "Microsoft.Network/trafficManagerProfiles/externalEndpoints",
                ["properties"] = new JsonObject
                {
                    ["target"] = e.Target,
                    // Traffic Manager weights are 1-1000: weight 0 is expressed by disabling the endpoint.
                    ["weight"] = Math.Max(1, e.Weight),
                    ["endpointStatus"] = e.Weight == 0 ? "Disabled" : "Enabled",
                },
            })]),
        };
        var data = new GenericResourceData(new AzureLocation("global")) { Properties = BinaryData.FromString(properties.ToJsonString()) };
        try
        {
            var operation = await arm.GetGenericResources().CreateOrUpdateAsync(WaitUntil.Completed, ProfileId(resourceGroup, profile), data, cancellationToken).ConfigureAwait(false);
            return CloudResult<IReadOnlyList<WeightedEndpoint>>.Ok(Read(operation.Value.Data.Properties));
        }
        catch (RequestFailedException ex)
        {
            return CloudResult<IReadOnlyList<WeightedEndpoint>>.Fail(ArmFailures.From(ex));
        }
    }

    public async Task<CloudResult<IReadOnlyList<WeightedEndpoint>>> GetWeightsAsync(string resourceGroup, string profile, CancellationToken cancellationToken)
    {
        try
        {
            var resource = await arm.GetGenericResource(ProfileId(resourceGroup, profile)).GetAsync(cancellationToken).ConfigureAwait(false);
            return CloudResult<IReadOnlyList<WeightedEndpoint>>.Ok(Read(resource.Value.Data.Properties));
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return CloudResult<IReadOnlyList<WeightedEndpoint>>.Ok([]);
        }
        catch (RequestFailedException ex)
        {
            return CloudResult<IReadOnlyList<WeightedEndpoint>>.Fail(ArmFailures.From(ex));
        }
    }

    private static List<WeightedEndpoint> Read(BinaryData? properties)
    {
        var list = new List<WeightedEndpoint>();
        if (properties is null)
        {
            return list;
        }

        using var doc = JsonDocument.Parse(properties.ToMemory());
        if (!doc.RootElement.TryGetProperty("endpoints", out var endpoints))
        {
            return list;
        }

        foreach (var e in endpoints.EnumerateArray())
        {
            var p = e.GetProperty("properties");
            var enabled = !p.TryGetProperty("endpointStatus", out var status) || status.GetString() != "Disabled";
            list.Add(new WeightedEndpoint(e.GetProperty("name").GetString()!, p.GetProperty("target").GetString()!, enabled ? p.GetProperty("weight").GetInt32() : 0));
        }

        return list;
    }
}
