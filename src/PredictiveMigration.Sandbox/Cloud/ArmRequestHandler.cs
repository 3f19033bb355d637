using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace PredictiveMigration.Sandbox.Cloud;

/// <summary>
/// The part of the ARM REST API the product uses, answered the way ARM answers: resource groups; any provider
/// resource kept as JSON (virtual machines, disks, network interfaces, Traffic Manager profiles…), with VM power
/// actions; long-running operations (PUT → 201 + Azure-AsyncOperation, DELETE and actions → 202 + Location) that stay
/// InProgress for <see cref="CloudOptions.OperationDuration"/>; ARM error bodies and request ids.
/// </summary>
internal sealed class ArmRequestHandler(CloudState state, CloudOptions options, TimeProvider time)
{
    private const string SandboxField = "_sandbox";

    private static readonly Dictionary<string, string[]> ProviderTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Microsoft.Compute"] = ["virtualMachines", "disks", "snapshots", "locations/operations"],
        ["Microsoft.Network"] = ["networkInterfaces", "trafficManagerProfiles", "publicIPAddresses", "locations/operations"],
    };

    private static readonly Dictionary<string, string> PowerAfterAction = new(StringComparer.OrdinalIgnoreCase)
    {
        ["start"] = "running",
        ["restart"] = "running",
        ["powerOff"] = "stopped",
        ["deallocate"] = "deallocated",
    };

    public async Task HandleAsync(HttpContext context)
    {
        context.Response.Headers["x-ms-request-id"] = Guid.NewGuid().ToString();
        context.Response.Headers["x-ms-correlation-request-id"] = context.Request.Headers["x-ms-correlation-request-id"].FirstOrDefault() ?? Guid.NewGuid().ToString();
        var seg = context.Request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var low = seg.Select(s => s.ToLowerInvariant()).ToArray();
        CompleteDueOperations();

        if (seg.Length < 2 || low[0] != "subscriptions")
        {
            await ArmError.WriteAsync(context, 404, "PathNotFound", $"The path '{context.Request.Path}' is not a sandbox ARM path.");
            return;
        }

        var method = context.Request.Method;
        switch (seg.Length)
        {
            case 2 when method == "GET":
                await JsonAsync(context, 200, new JsonObject
                {
                    ["id"] = $"/subscriptions/{seg[1]}",
                    ["subscriptionId"] = seg[1],
                    ["displayName"] = "PredictiveMigration sandbox",
                    ["state"] = "Enabled",
                });
                return;
            case 4 when low[2] == "providers" && method == "GET":
                await ProviderAsync(context, seg[1], seg[3]);
                return;
            case 3 when low[2] == "resourcegroups" && method == "GET":
                await ListAsync(context, $"/subscriptions/{seg[1]}/resourcegroups/".ToLowerInvariant(), groupsOnly: true);
                return;
            case 4 when low[2] == "resourcegroups":
                await ResourceGroupAsync(context, seg[1], seg[3]);
                return;
            case 8 when low[2] == "providers" && low[4] == "locations" && (low[6] == "operations" || low[6] == "operationresults"):
                await OperationAsync(context, seg[7], resultStyle: low[6] == "operationresults");
                return;
            case 7 when low[2] == "resourcegroups" && low[4] == "providers" && method == "GET":
                await ListAsync(context, $"/subscriptions/{seg[1]}/resourcegroups/{seg[3]}/providers/{seg[5]}/{seg[6]}/".ToLowerInvariant(), groupsOnly: false);
                return;
            case 8 when low[2] == "resourcegroups" && low[4] == "providers":
                await ResourceAsync(context, seg);
                return;
            case 9 when low[2] == "resourcegroups" && low[4] == "providers":
                await ResourceChildAsync(context, seg);
                return;
            default:
                await ArmError.WriteAsync(context, 404, "PathNotFound", $"The sandbox does not serve {method} {context.Request.Path}.");
                return;
        }
    }

    private async Task ResourceGroupAsync(HttpContext context, string subscription, string name)
    {
        var id = $"/subscriptions/{subscription}/resourceGroups/{name}";
        var key = id.ToLowerInvariant();
        switch (context.Request.Method)
        {
            case "GET" or "HEAD":
                var found = state.Use((r, _) => r.TryGetValue(key, out var g) ? Strip(g) : null, save: false);
                if (found is null)
                {
                    await ArmError.WriteAsync(context, 404, "ResourceGroupNotFound", $"Resource group '{name}' could not be found.");
                }
                else if (context.Request.Method == "HEAD")
                {
                    context.Response.StatusCode = 204;
                }
                else
                {
                    await JsonAsync(context, 200, found);
                }

                return;
            case "PUT":
                var body = await ReadBodyAsync(context);
                if (body?["location"]?.GetValue<string>() is not { Length: > 0 } location)
                {
                    await ArmError.WriteAsync(context, 400, "InvalidRequestContent", "The request content must be a JSON object with a location.");
                    return;
                }

                var (created, group) = state.Use((r, _) =>
                {
                    var isNew = !r.ContainsKey(key);
                    var g = new JsonObject
                    {
                        ["id"] = id,
                        ["name"] = name,
                        ["type"] = "Microsoft.Resources/resourceGroups",
                        ["location"] = location,
                        ["tags"] = body["tags"]?.DeepClone() ?? new JsonObject(),
                        ["properties"] = new JsonObject { ["provisioningState"] = "Succeeded" },
                    };
                    r[key] = g;
                    return (isNew, Strip(g));
                }, save: true);
                await JsonAsync(context, created ? 201 : 200, group);
                return;
            case "DELETE":
                var op = state.Use((r, ops) => r.ContainsKey(key) ? NewOperation(ops, key, "delete") : null, save: true);
                if (op is null)
                {
                    context.Response.StatusCode = 204;
                    return;
                }

                SetLocation(context, subscription, "Microsoft.Resources", "global", op);
                context.Response.StatusCode = 202;
                return;
            default:
                await ArmError.WriteAsync(context, 405, "MethodNotAllowed", $"{context.Request.Method} is not supported on resource groups.");
                return;
        }
    }

    private async Task ResourceAsync(HttpContext context, string[] seg)
    {
        var (subscription, group, ns, type, name) = (seg[1], seg[3], seg[5], seg[6], seg[7]);
        var id = $"/subscriptions/{subscription}/resourceGroups/{group}/providers/{ns}/{type}/{name}";
        var key = id.ToLowerInvariant();
        var groupKey = $"/subscriptions/{subscription}/resourceGroups/{group}".ToLowerInvariant();
        switch (context.Request.Method)
        {
            case "GET":
                var found = state.Use((r, _) => r.TryGetValue(key, out var res) ? Strip(res) : null, save: false);
                if (found is null)
                {
                    await NotFoundAsync(context, ns, type, name, group);
                    return;
                }

                await JsonAsync(context, 200, found);
                return;
            case "PUT" or "PATCH":
                var body = await ReadBodyAsync(context);
                if (body is null)
                {
                    await ArmError.WriteAsync(context, 400, "InvalidRequestContent", "The request content must be a JSON object.");
                    return;
                }

                var outcome = state.Use<(int Status, JsonObject? Body, CloudOperation? Op, string Code, string Error)>((r, ops) =>
                {
                    if (!r.ContainsKey(groupKey))
                    {
                        return (404, null, null, "ResourceGroupNotFound", $"Resource group '{group}' could not be found.");
                    }

                    var exists = r.TryGetValue(key, out var current);
                    if (!exists && context.Request.Method == "PATCH")
                    {
                        return (404, null, null, "ResourceNotFound", $"The Resource '{ns}/{type}/{name}' under resource group '{group}' was not found.");
                    }

                    var resource = exists ? Merge(current!, body) : body;
                    var location = resource["location"]?.GetValue<string>();
                    if (string.IsNullOrEmpty(location))
                    {
                        return (400, null, null, "LocationRequired", "location is required.");
                    }

                    resource["id"] = id;
                    resource["name"] = name;
                    resource["type"] = $"{ns}/{type}";
                    var properties = resource["properties"] as JsonObject ?? [];
                    resource["properties"] = properties;
                    properties["provisioningState"] = exists ? "Updating" : "Creating";
                    var sandbox = resource[SandboxField] as JsonObject ?? [];
                    resource[SandboxField] = sandbox;
                    if (IsVirtualMachine(ns, type))
                    {
                        properties["vmId"] ??= Guid.NewGuid().ToString();
                        sandbox["powerState"] ??= "running";
                    }

                    r[key] = resource;
                    var op = NewOperation(ops, key, exists ? "update" : "create");
                    return (exists ? 200 : 201, Strip(resource), op, string.Empty, string.Empty);
                }, save: true);
                if (outcome.Body is null)
                {
                    await ArmError.WriteAsync(context, outcome.Status, outcome.Code, outcome.Error);
                    return;
                }

                context.Response.Headers["Azure-AsyncOperation"] = OperationUrl(context, subscription, ns, outcome.Body["location"]!.GetValue<string>(), outcome.Op!, "operations");
                context.Response.Headers.RetryAfter = "0";
                await JsonAsync(context, outcome.Status, outcome.Body);
                return;
            case "DELETE":
                var deleting = state.Use<(CloudOperation Op, string Location)?>((r, ops) =>
                {
                    if (!r.TryGetValue(key, out var res))
                    {
                        return null;
                    }

                    ((JsonObject)res["properties"]!)["provisioningState"] = "Deleting";
                    return (Op: NewOperation(ops, key, "delete"), Location: res["location"]?.GetValue<string>() ?? "global");
                }, save: true);
                if (deleting is null)
                {
                    context.Response.StatusCode = 204;
                    return;
                }

                SetLocation(context, subscription, ns, deleting.Value.Location, deleting.Value.Op);
                context.Response.StatusCode = 202;
                return;
            default:
                await ArmError.WriteAsync(context, 405, "MethodNotAllowed", $"{context.Request.Method} is not supported here.");
                return;
        }
    }

    private async Task ResourceChildAsync(HttpContext context, string[] seg)
    {
        var (subscription, group, ns, type, name, child) = (seg[1], seg[3], seg[5], seg[6], seg[7], seg[8]);
        var key = $"/subscriptions/{subscription}/resourceGroups/{group}/providers/{ns}/{type}/{name}".ToLowerInvariant();
        var resource = state.Use((r, _) => r.TryGetValue(key, out var res) ? res.DeepClone().AsObject() : null, save: false);
        if (resource is null)
        {
            await NotFoundAsync(context, ns, type, name, group);
            return;
        }

        if (IsVirtualMachine(ns, type) && context.Request.Method == "GET" && child.Equals("instanceView", StringComparison.OrdinalIgnoreCase))
        {
            var power = resource[SandboxField]?["powerState"]?.GetValue<string>() ?? "running";
            await JsonAsync(context, 200, new JsonObject
            {
                ["statuses"] = new JsonArray(
                    new JsonObject { ["code"] = $"ProvisioningState/{resource["properties"]!["provisioningState"]!.GetValue<string>().ToLowerInvariant()}", ["level"] = "Info" },
                    new JsonObject { ["code"] = $"PowerState/{power}", ["level"] = "Info" }),
            });
            return;
        }

        if (IsVirtualMachine(ns, type) && context.Request.Method == "POST" && PowerAfterAction.ContainsKey(child))
        {
            var op = state.Use((_, ops) => NewOperation(ops, key, child), save: true);
            SetLocation(context, subscription, ns, resource["location"]!.GetValue<string>(), op);
            context.Response.StatusCode = 202;
            return;
        }

        await ArmError.WriteAsync(context, 404, "PathNotFound", $"The sandbox does not serve {context.Request.Method} {context.Request.Path}.");
    }

    private async Task OperationAsync(HttpContext context, string id, bool resultStyle)
    {
        var op = state.Use((_, ops) => ops.TryGetValue(id, out var o) ? o : null, save: false);
        if (op is null)
        {
            await ArmError.WriteAsync(context, 404, "OperationNotFound", $"Operation '{id}' was not found.");
            return;
        }

        if (resultStyle)
        {
            if (!op.Applied)
            {
                context.Response.Headers.Location = context.Request.GetEncodedUrl();
                context.Response.Headers.RetryAfter = "0";
                context.Response.StatusCode = 202;
                return;
            }

            context.Response.StatusCode = 200;
            return;
        }

        if (!op.Applied)
        {
            context.Response.Headers.RetryAfter = "0";
        }

        await JsonAsync(context, 200, new JsonObject { ["name"] = op.Id, ["status"] = op.Applied ? "Succeeded" : "InProgress" });
    }

    private async Task ProviderAsync(HttpContext context, string subscription, string ns)
    {
        if (!ProviderTypes.TryGetValue(ns, out var types))
        {
            await ArmError.WriteAsync(context, 404, "InvalidResourceNamespace", $"The resource namespace '{ns}' is not served by the sandbox.");
            return;
        }

        var resourceTypes = new JsonArray();
        foreach (var t in types)
        {
            resourceTypes.Add(new JsonObject
            {
                ["resourceType"] = t,
                ["locations"] = new JsonArray("westeurope", "northeurope", "eastus"),
                ["apiVersions"] = new JsonArray("2023-09-01", "2023-07-01", "2022-04-01"),
            });
        }

        await JsonAsync(context, 200, new JsonObject { ["id"] = $"/subscriptions/{subscription}/providers/{ns}", ["namespace"] = ns, ["registrationState"] = "Registered", ["resourceTypes"] = resourceTypes });
    }

    private async Task ListAsync(HttpContext context, string prefix, bool groupsOnly)
    {
        var items = state.Use((r, _) => r
            .Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal) && (!groupsOnly || kv.Key.Count(c => c == '/') == 4))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => (JsonNode)Strip(kv.Value))
            .ToArray(), save: false);
        await JsonAsync(context, 200, new JsonObject { ["value"] = new JsonArray(items) });
    }

    /// <summary>Applies the effect of every operation whose time has come, once.</summary>
    private void CompleteDueOperations()
    {
        var now = time.GetUtcNow();
        var due = state.Use((_, ops) => ops.Values.Any(o => !o.Applied && o.CompletesAt <= now), save: false);
        if (!due)
        {
            return;
        }

        state.Use((r, ops) =>
        {
            foreach (var op in ops.Values.Where(o => !o.Applied && o.CompletesAt <= now).OrderBy(o => o.CompletesAt))
            {
                op.Applied = true;
                if (!r.TryGetValue(op.ResourceKey, out var resource))
                {
                    continue;
                }

                switch (op.Kind)
                {
                    case "delete":
                        // A resource group takes everything in it along.
                        foreach (var k in r.Keys.Where(k => k == op.ResourceKey || k.StartsWith(op.ResourceKey + "/", StringComparison.Ordinal)).ToList())
                        {
                            r.Remove(k);
                        }

                        break;
                    case "create" or "update":
                        ((JsonObject)resource["properties"]!)["provisioningState"] = "Succeeded";
                        break;
                    default:
                        ((JsonObject)resource[SandboxField]!)["powerState"] = PowerAfterAction[op.Kind];
                        break;
                }
            }

            return 0;
        }, save: true);
    }

    private CloudOperation NewOperation(Dictionary<string, CloudOperation> operations, string resourceKey, string kind)
    {
        var op = new CloudOperation
        {
            Id = Guid.NewGuid().ToString("N"),
            ResourceKey = resourceKey,
            Kind = kind,
            CompletesAt = time.GetUtcNow() + options.OperationDuration,
        };
        operations[op.Id] = op;
        return op;
    }

    private static void SetLocation(HttpContext context, string subscription, string ns, string location, CloudOperation op)
    {
        context.Response.Headers.Location = OperationUrl(context, subscription, ns, location, op, "operationResults");
        context.Response.Headers.RetryAfter = "0";
    }

    private static string OperationUrl(HttpContext context, string subscription, string ns, string location, CloudOperation op, string kind) =>
        string.Create(CultureInfo.InvariantCulture, $"{context.Request.Scheme}://{context.Request.Host}/subscriptions/{subscription}/providers/{ns}/locations/{location}/{kind}/{op.Id}?api-version=2023-07-01");

    private static bool IsVirtualMachine(string ns, string type) =>
        ns.Equals("Microsoft.Compute", StringComparison.OrdinalIgnoreCase) && type.Equals("virtualMachines", StringComparison.OrdinalIgnoreCase);

    private static JsonObject Merge(JsonObject current, JsonObject patch)
    {
        var merged = current.DeepClone().AsObject();
        foreach (var (name, value) in patch)
        {
            if (value is JsonObject child && merged[name] is JsonObject existing)
            {
                merged[name] = Merge(existing, child);
            }
            else
            {
                merged[name] = value?.DeepClone();
            }
        }

        return merged;
    }

    private static JsonObject Strip(JsonObject resource)
    {
        var copy = resource.DeepClone().AsObject();
        copy.Remove(SandboxField);
        return copy;
    }

    private static async Task<JsonObject?> ReadBodyAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Task NotFoundAsync(HttpContext context, string ns, string type, string name, string group) =>
        ArmError.WriteAsync(context, 404, "ResourceNotFound", $"The Resource '{ns}/{type}/{name}' under resource group '{group}' was not found.");

    private static Task JsonAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
