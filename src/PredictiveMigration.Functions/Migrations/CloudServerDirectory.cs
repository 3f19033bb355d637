using System.Globalization;
using PredictiveMigration.Domain.Cloud;
using PredictiveMigration.Domain.Forecasting;
using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Domain.Placement;
using PredictiveMigration.Workflows.Deciding;
using PlacementDemand = PredictiveMigration.Domain.Placement.ResourceDemand;

namespace PredictiveMigration.Functions.Migrations;

/// <summary>
/// Finds a server's VM in the managed resource groups (<c>Migrations:ResourceGroups</c>): the VM tagged
/// <c>pm-server=&lt;serverId&gt;</c>, or else the VM named like the server. Tags on the VM describe what the cloud
/// API cannot: <c>pm-disk</c>, <c>pm-traffic-profile</c>, <c>pm-endpoint</c>, <c>pm-environment</c>, <c>pm-priority</c>,
/// <c>pm-users-region</c>, <c>pm-latency-budget-ms</c>, <c>pm-sla</c>, <c>pm-disk-gb</c> (docs/migrations.md). The source
/// disk's size (<see cref="MigrationSource.DiskBytes"/>, what connectors forecast a copy from) is the <c>pm-disk-gb</c>
/// tag (decimal GB, 10^9 bytes) when it parses as a positive number, else the length of the disk image when
/// <c>pm-disk</c> names an existing file (the sandbox), else unknown (null).
/// </summary>
public sealed class CloudServerDirectory(ICloudCompute compute, ICloudInventory inventory, IPriceCatalog prices, IRiskStore risk, MigrationHostOptions options) : IServerDirectory
{
    public async Task<ServerProfile?> GetAsync(string serverId, CancellationToken cancellationToken)
    {
        foreach (var group in options.ResourceGroups)
        {
            var vms = await compute.ListVmsAsync(group, cancellationToken).ConfigureAwait(false);
            if (!vms.IsSuccess)
            {
                continue;
            }

            var vm = vms.Value!.FirstOrDefault(v => v.Tags.TryGetValue("pm-server", out var id) && id == serverId)
                ?? vms.Value!.FirstOrDefault(v => string.Equals(v.Name, serverId, StringComparison.OrdinalIgnoreCase));
            if (vm is not null)
            {
                return await ProfileAsync(serverId, vm, cancellationToken).ConfigureAwait(false);
            }
        }

        return null;
    }

    public async Task<IReadOnlyList<ServerProfile>> ListInRegionAsync(string region, CancellationToken cancellationToken)
    {
        var result = new List<ServerProfile>();
        foreach (var group in options.ResourceGroups)
        {
            var vms = await compute.ListVmsAsync(group, cancellationToken).ConfigureAwait(false);
            if (!vms.IsSuccess)
            {
                continue;
            }

            foreach (var vm in vms.Value!.Where(v => string.Equals(v.Region, region, StringComparison.OrdinalIgnoreCase) && !v.Tags.ContainsKey("pm-migration")))
            {
                var serverId = vm.Tags.TryGetValue("pm-server", out var id) ? id : vm.Name;
                result.Add(await ProfileAsync(serverId, vm, cancellationToken).ConfigureAwait(false));
            }
        }

        return result;
    }

    private async Task<ServerProfile> ProfileAsync(string serverId, VmInfo vm, CancellationToken cancellationToken)
    {
        var sizes = await inventory.ListSizesAsync(vm.Region, cancellationToken).ConfigureAwait(false);
        var size = sizes.IsSuccess ? sizes.Value!.FirstOrDefault(s => string.Equals(s.Name, vm.Size, StringComparison.OrdinalIgnoreCase)) : null;
        var cores = size?.Cores ?? 2;
        var memoryGb = size?.MemoryGb ?? 8;
        var priceList = await prices.GetVmPricesAsync(vm.Region, cancellationToken).ConfigureAwait(false);
        var monthly = priceList.IsSuccess
            ? priceList.Value!.Where(p => string.Equals(p.Size, vm.Size, StringComparison.OrdinalIgnoreCase)).Select(p => p.PricePerHour * 730).FirstOrDefault()
            : 0;

        // Current use from the latest forecast's first point (percent of capacity); half the VM when nothing is known yet.
        var latest = await risk.GetLatestAsync(serverId, cancellationToken).ConfigureAwait(false);
        double Percent(ResourceKind kind) =>
            latest?.Assessment.PredictedLoad.FirstOrDefault(f => f.Resource == kind) is { Points.Count: > 0 } f ? Math.Clamp(f.Points[0].Value, 0, 100) : 50;
        var use = new PlacementDemand(cores * Percent(ResourceKind.Cpu) / 100, memoryGb * Percent(ResourceKind.Memory) / 100, 0, 0);
        var demand = DecisionFactory.Demand(latest?.Profile, use);

        string Tag(string name, string fallback) => vm.Tags.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v : fallback;
        var disk = Tag("pm-disk", $"{vm.Name}-osdisk");
        var source = new MigrationSource(
            serverId,
            vm.ResourceGroup,
            vm.Name,
            vm.Region,
            vm.Size,
            cores,
            disk,
            Tag("pm-traffic-profile", $"tm-{vm.Name}"),
            Tag("pm-endpoint", $"{vm.Name}.{vm.Region}.cloudapp.azure.com"),
            Tag("pm-environment", "prod"),
            int.TryParse(Tag("pm-priority", "100"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var priority) ? priority : 100,
            DiskBytes(Tag("pm-disk-gb", string.Empty), disk));
        var placement = new PlacementRequest(
            serverId,
            demand,
            vm.Region,
            monthly,
            Tag("pm-users-region", vm.Region),
            double.TryParse(Tag("pm-latency-budget-ms", "100"), NumberStyles.Float, CultureInfo.InvariantCulture, out var budget) ? budget : 100,
            Tag("pm-sla", "standard"));
        return new ServerProfile(source, placement);
    }

    /// <summary>The source disk's size in bytes: the <c>pm-disk-gb</c> tag, else a disk image file's length, else null.</summary>
    internal static long? DiskBytes(string diskGbTag, string disk)
    {
        if (double.TryParse(diskGbTag, NumberStyles.Float, CultureInfo.InvariantCulture, out var gb) && gb > 0 && double.IsFinite(gb) && gb <= 1e6)
        {
            return Math.Max(1, (long)Math.Round(gb * 1e9));
        }

        // A managed disk id ("/subscriptions/…") is rooted too, but is no file here: only an existing file counts.
        try
        {
            if (Path.IsPathFullyQualified(disk) && new FileInfo(disk) is { Exists: true, Length: > 0 } image)
            {
                return image.Length;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // An unreadable path is an unknown size, not a failed lookup.
        }

        return null;
    }
}

/// <summary>
/// What placement may choose from: every size of every region the subscription offers, priced from the price
/// catalogue, with the regions' free vCPU quota. IOPS and network capacity are not in the size list; they are
/// estimated per core (documented in docs/migrations.md).
/// </summary>
public sealed class CloudPlacementCatalog(ICloudInventory inventory, IPriceCatalog prices, MigrationHostOptions options) : IPlacementCatalogSource
{
    private const double IopsPerCore = 3200;
    private const double MbpsPerCore = 1000;

    public async Task<PlacementCatalog> GetAsync(CancellationToken cancellationToken)
    {
        var regions = options.Regions.Count > 0 ? options.Regions : (await inventory.ListRegionsAsync(cancellationToken).ConfigureAwait(false)).Value ?? [];
        var targets = new List<PlacementTarget>();
        var quota = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var region in regions)
        {
            var sizes = await inventory.ListSizesAsync(region, cancellationToken).ConfigureAwait(false);
            if (!sizes.IsSuccess)
            {
                continue;
            }

            var priceList = await prices.GetVmPricesAsync(region, cancellationToken).ConfigureAwait(false);
            var hourly = priceList.IsSuccess
                ? priceList.Value!.GroupBy(p => p.Size, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Min(p => p.PricePerHour), StringComparer.OrdinalIgnoreCase)
                : new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
            foreach (var size in sizes.Value!)
            {
                if (!hourly.TryGetValue(size.Name, out var price))
                {
                    continue;
                }

                targets.Add(new PlacementTarget($"{region}/{size.Name}", TargetKind.NewVm, region, size.Name,
                    new PlacementDemand(size.Cores, size.MemoryGb, size.Cores * IopsPerCore, size.Cores * MbpsPerCore), price * 730));
            }

            var q = await inventory.GetCoreQuotaAsync(region, cancellationToken).ConfigureAwait(false);
            if (q.IsSuccess)
            {
                quota[region] = q.Value!.CoresLimit - q.Value.CoresUsed;
            }
        }

        return new PlacementCatalog(targets, quota);
    }
}
