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
    private readonly FaultInjector _faults = new(options.Faults);

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
        if (low is ["admin", "faults"])
        {
            await AdminFaultsAsync(context);
            return;
        }

        if (low is ["retail", "prices"] or ["api", "retail", "prices"])
        {
            await PricesAsync(context);
            return;
        }

        if (_faults.Take(context.Request, "slow") is { } slow)
        {
            await Task.Delay(slow.DelayMs, context.RequestAborted);
        }

        if (_faults.Take(context.Request, "throttle") is { } throttle)
        {
            context.Response.Headers.RetryAfter = throttle.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await ArmError.WriteAsync(context, 429, "TooManyRequests", "The request is being throttled (sandbox fault).");
            return;
        }

        if (_faults.Take(context.Request, "error") is { } error)
        {
            var status = error.Status == 0 ? 500 : error.Status;
            await ArmError.WriteAsync(context, status, status == 503 ? "ServiceUnavailable" : "InternalServerError", $"Injected failure {status} (sandbox fault).");
            return;
        }

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
            case 3 when low[2] == "locations" && method == "GET":
                await LocationsAsync(context, seg[1]);
                return;
            case 7 when low[2] == "providers" && low[4] == "locations" && low[6] == "vmsizes" && method == "GET":
                await VmSizesAsync(context, seg[5]);
                return;
            case 7 when low[2] == "providers" && low[4] == "locations" && low[6] == "usages" && method == "GET":
                await UsagesAsync(context, seg[1], seg[5]);
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

                    if (_faults.IsRegionDown(location))
                    {
                        return (503, null, null, "RegionUnavailable", $"Region '{location}' is unavailable (sandbox fault).");
                    }

                    string? failure = null;
                    if (IsVirtualMachine(ns, type) && CheckPlacement(r, key, resource, location, out failure) is { } refusal)
                    {
                        return (refusal.Status, null, null, refusal.Code, refusal.Message);
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
                    if (failure is not null)
                    {
                        op.FailureCode = "AllocationFailed";
                        op.FailureMessage = failure;
                    }
                    else if (_faults.Take(context.Request, "failOperation") is not null)
                    {
                        op.FailureCode = "InternalOperationError";
                        op.FailureMessage = "The operation failed (sandbox fault).";
                    }

                    return (exists ? 200 : 201, Strip(resource), op, string.Empty, string.Empty);
                }, save: true);
                if (outcome.Body is null)
                {
                    await ArmError.WriteAsync(context, outcome.Status, outcome.Code, outcome.Error);
                    return;
                }

                context.Response.Headers["Azure-AsyncOperation"] = OperationUrl(context, subscription, ns, outcome.Body["location"]!.GetValue<string>(), outcome.Op!, "operations");
                context.Response.Headers.RetryAfter = "0";
                // The disk provider answers every PUT with 202 Accepted (and its SDK accepts only 200/202); others 201/200.
                var status = IsDiskProvider(ns, type) ? 202 : outcome.Status;
                if (status == 202)
                {
                    context.Response.Headers.Location = OperationUrl(context, subscription, ns, outcome.Body["location"]!.GetValue<string>(), outcome.Op!, "operationResults");
                }

                await JsonAsync(context, status, outcome.Body);
                return;
            case "DELETE":
                var deleting = state.Use<(CloudOperation Op, string Location)?>((r, ops) =>
                {
                    if (!r.TryGetValue(key, out var res))
                    {
                        return null;
                    }

                    if (_faults.IsRegionDown(res["location"]?.GetValue<string>()))
                    {
                        return (Op: null!, Location: string.Empty);
                    }

                    ((JsonObject)res["properties"]!)["provisioningState"] = "Deleting";
                    return (Op: NewOperation(ops, key, "delete"), Location: res["location"]?.GetValue<string>() ?? "global");
                }, save: true);
                if (deleting is { Op: null })
                {
                    await ArmError.WriteAsync(context, 503, "RegionUnavailable", "The resource's region is unavailable (sandbox fault).");
                    return;
                }

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

        var regionDown = _faults.IsRegionDown(resource["location"]?.GetValue<string>());
        if (IsVirtualMachine(ns, type) && context.Request.Method == "GET" && child.Equals("instanceView", StringComparison.OrdinalIgnoreCase))
        {
            var power = regionDown ? "unknown" : resource[SandboxField]?["powerState"]?.GetValue<string>() ?? "running";
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
            if (regionDown)
            {
                await ArmError.WriteAsync(context, 503, "RegionUnavailable", "The VM's region is unavailable (sandbox fault).");
                return;
            }

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

        if (op.Applied && op.FailureCode is not null)
        {
            if (resultStyle)
            {
                await ArmError.WriteAsync(context, 409, op.FailureCode, op.FailureMessage ?? "The operation failed.");
                return;
            }

            await JsonAsync(context, 200, new JsonObject
            {
                ["name"] = op.Id,
                ["status"] = "Failed",
                ["error"] = new JsonObject { ["code"] = op.FailureCode, ["message"] = op.FailureMessage },
            });
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

    /// <summary>
    /// Quota and capacity for a VM PUT. A size the catalogue lacks, or one not offered in the region, and a regional
    /// vCPU quota exceeded are refused at once (as ARM does); capacity exhausted fails the operation later
    /// (<paramref name="allocationFailure"/>, ARM's AllocationFailed).
    /// </summary>
    private (int Status, string Code, string Message)? CheckPlacement(Dictionary<string, JsonObject> resources, string key, JsonObject vm, string location, out string? allocationFailure)
    {
        allocationFailure = null;
        var catalog = options.Catalog;
        var sizeName = vm["properties"]?["hardwareProfile"]?["vmSize"]?.GetValue<string>();
        if (sizeName is null || catalog.Size(sizeName) is not { } size)
        {
            return (400, "InvalidParameter", $"The value '{sizeName}' of parameter 'vmSize' is not a size the sandbox offers.");
        }

        if (catalog.Region(location) is not { } region)
        {
            return (400, "LocationNotAvailableForResourceType", $"The location '{location}' is not available for resource type 'Microsoft.Compute/virtualMachines'.");
        }

        if (!region.Capacity.TryGetValue(size.Name, out var capacity))
        {
            return (409, "SkuNotAvailable", $"The requested size '{size.Name}' is not available in location '{location}'.");
        }

        var others = OtherVms(resources, key, location).ToList();
        var used = others.Sum(v => catalog.Size(v.Size)?.Cores ?? 0);
        if (used + size.Cores > region.CoreQuota)
        {
            return (409, "OperationNotAllowed", string.Create(CultureInfo.InvariantCulture,
                $"Operation could not be completed as it results in exceeding approved Total Regional Cores quota. Location: {location}, Current Limit: {region.CoreQuota}, Current Usage: {used}, Additional Required: {size.Cores}."));
        }

        if (others.Count(v => v.Size.Equals(size.Name, StringComparison.OrdinalIgnoreCase)) >= capacity)
        {
            allocationFailure = $"Allocation failed. There is not enough capacity for size '{size.Name}' in '{location}'.";
        }

        return null;
    }

    /// <summary>The region's other VMs that hold capacity (not failed, not being deleted).</summary>
    private static IEnumerable<(string Key, string Size)> OtherVms(Dictionary<string, JsonObject> resources, string excludeKey, string location)
    {
        foreach (var (key, resource) in resources)
        {
            if (key == excludeKey
                || !string.Equals(resource["type"]?.GetValue<string>(), "Microsoft.Compute/virtualMachines", StringComparison.OrdinalIgnoreCase)
                || !string.Equals(resource["location"]?.GetValue<string>(), location, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var stateName = resource["properties"]?["provisioningState"]?.GetValue<string>();
            if (stateName is "Failed" or "Deleting")
            {
                continue;
            }

            yield return (key, resource["properties"]?["hardwareProfile"]?["vmSize"]?.GetValue<string>() ?? string.Empty);
        }
    }

    private async Task LocationsAsync(HttpContext context, string subscription)
    {
        var value = new JsonArray([.. options.Catalog.Regions.Select(r => (JsonNode)new JsonObject
        {
            ["id"] = $"/subscriptions/{subscription}/locations/{r.Name}",
            ["name"] = r.Name,
            ["displayName"] = r.DisplayName,
            ["regionalDisplayName"] = r.DisplayName,
        })]);
        await JsonAsync(context, 200, new JsonObject { ["value"] = value });
    }

    private async Task VmSizesAsync(HttpContext context, string location)
    {
        if (options.Catalog.Region(location) is not { } region)
        {
            await ArmError.WriteAsync(context, 404, "LocationNotFound", $"Location '{location}' is not served by the sandbox.");
            return;
        }

        var value = new JsonArray([.. options.Catalog.Sizes.Where(s => region.Capacity.ContainsKey(s.Name)).Select(s => (JsonNode)new JsonObject
        {
            ["name"] = s.Name,
            ["numberOfCores"] = s.Cores,
            ["memoryInMB"] = (int)(s.MemoryGb * 1024),
            ["maxDataDiskCount"] = 8,
            ["osDiskSizeInMB"] = 1047552,
            ["resourceDiskSizeInMB"] = 16384,
        })]);
        await JsonAsync(context, 200, new JsonObject { ["value"] = value });
    }

    private async Task UsagesAsync(HttpContext context, string subscription, string location)
    {
        if (options.Catalog.Region(location) is not { } region)
        {
            await ArmError.WriteAsync(context, 404, "LocationNotFound", $"Location '{location}' is not served by the sandbox.");
            return;
        }

        var used = state.Use((r, _) => OtherVms(r, string.Empty, location).Where(v => v.Key.StartsWith($"/subscriptions/{subscription}/".ToLowerInvariant(), StringComparison.Ordinal)).Sum(v => options.Catalog.Size(v.Size)?.Cores ?? 0), save: false);
        await JsonAsync(context, 200, new JsonObject
        {
            ["value"] = new JsonArray(new JsonObject
            {
                ["unit"] = "Count",
                ["currentValue"] = used,
                ["limit"] = region.CoreQuota,
                ["name"] = new JsonObject { ["value"] = "cores", ["localizedValue"] = "Total Regional vCPUs" },
            }),
        });
    }

    /// <summary>
    /// The Azure Retail Prices API shape (<c>GET /retail/prices?$filter=armRegionName eq 'westeurope' and armSkuName eq '…'</c>):
    /// one Consumption price per size and region, per hour. Supports <c>eq</c> on armRegionName, armSkuName, serviceName joined by <c>and</c>.
    /// </summary>
    private async Task PricesAsync(HttpContext context)
    {
        var filters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var filter = context.Request.Query["$filter"].ToString();
        foreach (var clause in filter.Split(" and ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = clause.Split(" eq ", 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2)
            {
                await ArmError.WriteAsync(context, 400, "InvalidFilter", $"Unsupported filter clause '{clause}': use field eq 'value' joined by and.");
                return;
            }

            filters[parts[0]] = parts[1].Trim('\'');
        }

        bool Matches(string field, string value) => !filters.TryGetValue(field, out var wanted) || wanted.Equals(value, StringComparison.OrdinalIgnoreCase);
        var items = new JsonArray();
        foreach (var region in options.Catalog.Regions)
        {
            foreach (var size in options.Catalog.Sizes.Where(s => region.Capacity.ContainsKey(s.Name)))
            {
                if (Matches("armRegionName", region.Name) && Matches("armSkuName", size.Name) && Matches("serviceName", "Virtual Machines"))
                {
                    items.Add(new JsonObject
                    {
                        ["currencyCode"] = "USD",
                        ["retailPrice"] = Math.Round(size.PricePerHour * region.PriceMultiplier, 4),
                        ["unitPrice"] = Math.Round(size.PricePerHour * region.PriceMultiplier, 4),
                        ["armRegionName"] = region.Name,
                        ["location"] = region.DisplayName,
                        ["armSkuName"] = size.Name,
                        ["skuName"] = size.Name.Replace("Standard_", string.Empty, StringComparison.Ordinal).Replace('_', ' '),
                        ["serviceName"] = "Virtual Machines",
                        ["unitOfMeasure"] = "1 Hour",
                        ["type"] = "Consumption",
                    });
                }
            }
        }

        await JsonAsync(context, 200, new JsonObject { ["BillingCurrency"] = "USD", ["CustomerEntityType"] = "Retail", ["Items"] = items, ["NextPageLink"] = null, ["Count"] = items.Count });
    }

    /// <summary><c>GET</c> lists, <c>POST</c> adds (a <see cref="CloudFault"/> as JSON), <c>DELETE</c> clears the injected faults.</summary>
    private async Task AdminFaultsAsync(HttpContext context)
    {
        switch (context.Request.Method)
        {
            case "POST":
                CloudFault? fault;
                try
                {
                    fault = await JsonSerializer.DeserializeAsync<CloudFault>(context.Request.Body, new JsonSerializerOptions(JsonSerializerDefaults.Web), context.RequestAborted);
                }
                catch (JsonException ex)
                {
                    await ArmError.WriteAsync(context, 400, "InvalidFault", ex.Message);
                    return;
                }

                if (fault is null || fault.Kind is not ("throttle" or "error" or "slow" or "failOperation" or "regionDown"))
                {
                    await ArmError.WriteAsync(context, 400, "InvalidFault", "kind must be throttle, error, slow, failOperation or regionDown.");
                    return;
                }

                _faults.Add(fault);
                context.Response.StatusCode = 204;
                return;
            case "DELETE":
                _faults.Clear();
                context.Response.StatusCode = 204;
                return;
            default:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(JsonSerializer.Serialize(_faults.List(), new JsonSerializerOptions(JsonSerializerDefaults.Web)), context.RequestAborted);
                return;
        }
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

                if (op.FailureCode is not null)
                {
                    ((JsonObject)resource["properties"]!)["provisioningState"] = "Failed";
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

    private static bool IsDiskProvider(string ns, string type) =>
        ns.Equals("Microsoft.Compute", StringComparison.OrdinalIgnoreCase) && (type.Equals("disks", StringComparison.OrdinalIgnoreCase) || type.Equals("snapshots", StringComparison.OrdinalIgnoreCase));

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
