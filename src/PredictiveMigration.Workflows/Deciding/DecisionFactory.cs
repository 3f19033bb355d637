using System.Globalization;
using System.Text;
using PredictiveMigration.Domain.Forecasting;
using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Domain.Placement;
using PlacementDemand = PredictiveMigration.Domain.Placement.ResourceDemand;

namespace PredictiveMigration.Workflows.Deciding;

/// <summary>
/// Pure decision rules: the demand to place, the sizing phases along the profile, the start time against the deadline
/// and the maintenance windows, and the deterministic resource names. No I/O.
/// </summary>
public static class DecisionFactory
{
    private const double BytesPerGb = 1024d * 1024 * 1024;

    /// <summary>The migration id of a candidate: stable for the same candidate, so a repeated pass finds what it did.</summary>
    public static string MigrationId(MigrationCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return string.Create(CultureInfo.InvariantCulture, $"mig-{Sanitize(candidate.ServerId, 60)}-{candidate.DetectedAt.UtcDateTime:yyyyMMddHHmmss}");
    }

    /// <summary>What to place: the profile's upper-bound peak, never below what the server uses now.</summary>
    public static PlacementDemand Demand(PredictedResourceProfile? profile, PlacementDemand currentUse) =>
        profile is null || profile.Points.Count == 0 ? currentUse : Max(ToPlacement(profile.Peak()), currentUse);

    /// <summary>Converts forecast demand (cores, bytes, IOPS, bytes/s) to placement units (cores, GiB, IOPS, Mbit/s).</summary>
    public static PlacementDemand ToPlacement(Domain.Forecasting.ResourceDemand d) =>
        new(d.CpuCores, d.MemoryBytes / BytesPerGb, d.Iops, d.NetworkBytesPerSec * 8 / 1e6);

    /// <summary>
    /// Sizing phases for one target: the first covers the next <see cref="MigrationPolicy.FirstPhase"/> of the profile,
    /// then a new phase starts whenever the upper bound no longer fits the current size; each phase takes the smallest
    /// size of the target's region that fits (with headroom), never below <paramref name="currentUse"/> nor above the
    /// planned size. Without a profile there is one phase: the planned size.
    /// </summary>
    public static IReadOnlyList<SizingPhase> Phases(PlacementTarget planned, IReadOnlyList<PlacementTarget> catalog, PredictedResourceProfile? profile,
        PlacementDemand currentUse, double share, double headroom, TimeSpan firstPhase, DateTimeOffset start)
    {
        ArgumentNullException.ThrowIfNull(planned);
        ArgumentNullException.ThrowIfNull(catalog);
        var sizes = catalog.Where(t => t.Kind == TargetKind.NewVm && string.Equals(t.Region, planned.Region, StringComparison.OrdinalIgnoreCase) && t.Capacity.FitsIn(planned.Capacity))
            .Append(planned)
            .OrderBy(t => t.Capacity.Cores).ThenBy(t => t.Capacity.MemoryGb).ThenBy(t => t.MonthlyCost)
            .ToList();
        var floor = currentUse.Scale(share * (1 + headroom));
        PlacementTarget Fit(PlacementDemand need) => sizes.FirstOrDefault(s => Max(need, floor).FitsIn(s.Capacity)) ?? planned;

        if (profile is null || profile.Points.Count == 0)
        {
            return [new SizingPhase(start, planned.Size, (int)Math.Ceiling(planned.Capacity.Cores))];
        }

        var phases = new List<SizingPhase>();
        var firstEnd = start + firstPhase;
        var first = profile.Points.Where(p => p.Time < firstEnd).Select(p => ToPlacement(p.Upper).Scale(share * (1 + headroom))).Aggregate(default(PlacementDemand), Max);
        var current = Fit(first);
        phases.Add(new SizingPhase(start, current.Size, (int)Math.Ceiling(current.Capacity.Cores)));
        foreach (var p in profile.Points.Where(p => p.Time >= firstEnd).OrderBy(p => p.Time))
        {
            var need = ToPlacement(p.Upper).Scale(share * (1 + headroom));
            if (!need.FitsIn(current.Capacity))
            {
                var next = Fit(need);
                if (next.Capacity.Cores > current.Capacity.Cores || next.Capacity.MemoryGb > current.Capacity.MemoryGb)
                {
                    current = next;
                    phases.Add(new SizingPhase(p.Time, current.Size, (int)Math.Ceiling(current.Capacity.Cores)));
                }
            }
        }

        return phases;
    }

    /// <summary>
    /// When to start: inside the next maintenance window that still lets the migration finish (plus
    /// <paramref name="expectedDuration"/>) before the deadline; at once (null) when there is no window, no window in
    /// time, or the deadline is already too close. Without a deadline the next window is used.
    /// </summary>
    public static DateTimeOffset? StartTime(DateTimeOffset now, DateTimeOffset? deadline, IReadOnlyList<MaintenanceWindow> windows, TimeSpan expectedDuration)
    {
        ArgumentNullException.ThrowIfNull(windows);
        if (windows.Count == 0)
        {
            return null;
        }

        var next = windows.Select(w => w.NextStart(now)).Min();
        if (deadline is { } d && next + expectedDuration > d)
        {
            return null;
        }

        return next <= now ? null : next;
    }

    /// <summary>The deadline: detection time plus the earliest (upper-bound) time to exhaustion, else the expected one.</summary>
    public static DateTimeOffset? Deadline(MigrationCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return (candidate.EarliestTimeToExhaustion ?? candidate.ExpectedTimeToExhaustion) is { } ttl ? candidate.DetectedAt + ttl : null;
    }

    /// <summary>A deterministic target VM name: the source's name, a hash of the migration id, and the target's index for splits.</summary>
    public static string TargetVmName(string sourceVm, string migrationId, int index, int count)
    {
        var hash = Fnv1a(migrationId).ToString("x8", CultureInfo.InvariantCulture);
        return $"{Sanitize(sourceVm, 40)}-m{hash}{(count > 1 ? "-" + index.ToString(CultureInfo.InvariantCulture) : string.Empty)}";
    }

    /// <summary>The target disk: the source disk's location with the target VM's name as the last segment.</summary>
    public static string TargetDisk(string sourceDisk, string targetVm)
    {
        ArgumentNullException.ThrowIfNull(sourceDisk);
        var slash = sourceDisk.LastIndexOf('/');
        var dot = sourceDisk.LastIndexOf('.');
        var extension = dot > slash ? sourceDisk[dot..] : string.Empty;
        return (slash >= 0 ? sourceDisk[..(slash + 1)] : string.Empty) + targetVm + "-disk" + extension;
    }

    public static MigrationStrategy Strategy(PlacementStrategy placement, CandidateSource source) => placement switch
    {
        PlacementStrategy.MoveRegion => MigrationStrategy.MoveRegion,
        PlacementStrategy.Split => MigrationStrategy.Split,

        // A failing server cannot be resized in place: it moves to a new VM of the same region.
        PlacementStrategy.ResizeInPlace when source != CandidateSource.FailurePrediction => MigrationStrategy.ResizeInPlace,
        _ => MigrationStrategy.Migrate,
    };

    private static PlacementDemand Max(PlacementDemand a, PlacementDemand b) =>
        new(Math.Max(a.Cores, b.Cores), Math.Max(a.MemoryGb, b.MemoryGb), Math.Max(a.Iops, b.Iops), Math.Max(a.NetworkMbps, b.NetworkMbps));

    private static string Sanitize(string value, int max)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c == '-' ? char.ToLowerInvariant(c) : '-');
        }

        var s = sb.ToString().Trim('-');
        return s.Length <= max ? s : s[..max].TrimEnd('-');
    }

    private static uint Fnv1a(string value)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return hash;
    }
}
