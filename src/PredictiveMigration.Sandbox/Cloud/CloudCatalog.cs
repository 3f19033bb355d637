namespace PredictiveMigration.Sandbox.Cloud;

/// <summary>
/// What the sandbox cloud offers: VM sizes with prices, regions with quotas and capacity, and round-trip latencies
/// between regions. <see cref="Default"/> is a small, plausible catalogue (prices are illustrative, in USD per hour).
/// </summary>
public sealed class CloudCatalog
{
    public required IReadOnlyList<VmSize> Sizes { get; init; }

    public required IReadOnlyList<CloudRegion> Regions { get; init; }

    /// <summary>Round-trip milliseconds between two regions (symmetric; same region: 1 ms).</summary>
    public required IReadOnlyDictionary<(string From, string To), double> LatencyMs { get; init; }

    public VmSize? Size(string name) => Sizes.FirstOrDefault(s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    public CloudRegion? Region(string name) => Regions.FirstOrDefault(r => r.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    public double Latency(string from, string to) =>
        from.Equals(to, StringComparison.OrdinalIgnoreCase) ? 1
        : LatencyMs.TryGetValue((from.ToLowerInvariant(), to.ToLowerInvariant()), out var ms) || LatencyMs.TryGetValue((to.ToLowerInvariant(), from.ToLowerInvariant()), out ms) ? ms
        : double.NaN;

    public static CloudCatalog Default()
    {
        VmSize[] sizes =
        [
            new("Standard_D2s_v3", 2, 8, 0.096),
            new("Standard_D4s_v3", 4, 16, 0.192),
            new("Standard_D8s_v3", 8, 32, 0.384),
            new("Standard_D16s_v3", 16, 64, 0.768),
            new("Standard_E4s_v3", 4, 32, 0.252),
            new("Standard_E8s_v3", 8, 64, 0.504),
            new("Standard_E16s_v3", 16, 128, 1.008),
            new("Standard_F4s_v2", 4, 8, 0.169),
            new("Standard_F8s_v2", 8, 16, 0.338),
        ];
        Dictionary<string, int> Plenty(int count) => sizes.ToDictionary(s => s.Name, _ => count, StringComparer.OrdinalIgnoreCase);
        return new CloudCatalog
        {
            Sizes = sizes,
            Regions =
            [
                new CloudRegion { Name = "westeurope", DisplayName = "West Europe", PriceMultiplier = 1.10, CoreQuota = 200, Capacity = Plenty(50) },
                new CloudRegion { Name = "northeurope", DisplayName = "North Europe", PriceMultiplier = 1.05, CoreQuota = 200, Capacity = Plenty(50) },
                new CloudRegion { Name = "eastus", DisplayName = "East US", PriceMultiplier = 1.00, CoreQuota = 400, Capacity = Plenty(100) },
                new CloudRegion { Name = "westus2", DisplayName = "West US 2", PriceMultiplier = 1.00, CoreQuota = 200, Capacity = Plenty(50) },
            ],
            LatencyMs = new Dictionary<(string, string), double>
            {
                [("westeurope", "northeurope")] = 18,
                [("westeurope", "eastus")] = 82,
                [("westeurope", "westus2")] = 145,
                [("northeurope", "eastus")] = 75,
                [("northeurope", "westus2")] = 135,
                [("eastus", "westus2")] = 68,
            },
        };
    }
}
