using System.Globalization;

namespace PredictiveMigration.Domain.Connectors;

/// <summary>
/// Turns a load forecast and the fleet as it is into a plan: <c>Plan(now, state, forecast) → actions</c>, pure and
/// deterministic, so a durable activity can compute it and a runner can execute it step by step. Per connector region:
/// <list type="number">
/// <item>Need per bucket: <see cref="ConnectorPlanOptions.Needed"/> over the forecast's upper bound.</item>
/// <item>Scale up: warm (or draining) connectors become active when the need within activation lead time + plan
/// interval exceeds the active ones.</item>
/// <item>Provision: new warm connectors when the need within provision lead + activation lead + plan interval exceeds
/// all connectors (capped by the regional limit and vCPU quota).</item>
/// <item>Scale down (hysteresis): only when nothing was scaled up, only down to the highest need over the scale-down
/// look-ahead, only connectors that have been active for <see cref="ConnectorPlanOptions.MinStateTime"/>; an idle one
/// goes warm, a busy one drains (it is never scaled down while it carries tasks). Drained, idle connectors go warm.</item>
/// <item>Decommission: idle warm connectors beyond the warm pool after <see cref="ConnectorPlanOptions.WarmRetention"/>.</item>
/// </list>
/// Bottlenecks: the migrations' own (<see cref="BottleneckDetector"/>), and per region: a peak beyond the connector
/// limit or the vCPU quota, and a need sooner than new capacity can arrive.
/// </summary>
public sealed class ConnectorCapacityPlanner
{
    private readonly ConnectorPlanOptions _options;

    public ConnectorCapacityPlanner(ConnectorPlanOptions? options = null)
    {
        options ??= new ConnectorPlanOptions();
        options.Validate();
        _options = options;
    }

    public ConnectorPlanOptions Options => _options;

    public ConnectorPlan Plan(DateTimeOffset now, ConnectorFleetState state, MigrationLoadForecast forecast)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(forecast);
        var actions = new List<ConnectorAction>();
        var bottlenecks = new List<Bottleneck>(BottleneckDetector.Migrations(forecast));
        var needs = new List<RegionNeed>();
        var regions = forecast.Regions.Select(r => r.Region)
            .Concat(state.Connectors.Select(c => c.Region))
            .Select(r => r.ToLowerInvariant())
            .Distinct()
            .Order(StringComparer.Ordinal);
        foreach (var region in regions)
        {
            needs.Add(PlanRegion(now, region, state, forecast, actions, bottlenecks));
        }

        return new ConnectorPlan(now, actions, bottlenecks, needs);
    }

    private RegionNeed PlanRegion(DateTimeOffset now, string region, ConnectorFleetState state, MigrationLoadForecast forecast, List<ConnectorAction> actions, List<Bottleneck> bottlenecks)
    {
        var o = _options;
        var buckets = forecast.BucketsOf(region).Where(b => b.End > now).Select(b => (Bucket: b, Need: o.Needed(b))).ToList();
        (int Need, LoadBucket? At) Within(TimeSpan ahead)
        {
            var best = (Need: 0, At: (LoadBucket?)null);
            foreach (var (bucket, n) in buckets)
            {
                if (bucket.Start < now + ahead && n > best.Need)
                {
                    best = (n, bucket);
                }
            }

            return best;
        }

        var activateAhead = o.ActivationLeadTime + o.PlanInterval;
        var provisionAhead = o.ProvisionLeadTime + o.ActivationLeadTime + o.PlanInterval;
        var needActive = Within(activateAhead);
        var needProvisioned = Within(provisionAhead);
        var hold = Within(o.ScaleDownLookahead);
        var needHold = Math.Max(hold.Need, needProvisioned.Need);
        var peak = (Need: 0, At: (LoadBucket?)null);
        foreach (var (bucket, n) in buckets.Where(b => b.Need > 0))
        {
            if (n > peak.Need)
            {
                peak = (n, bucket);
            }
        }


        var mine = state.InRegion(region).OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
        var active = mine.Where(c => c.State == ConnectorState.Active).ToList();
        var warm = mine.Where(c => c.State == ConnectorState.Warm).ToList();
        var draining = mine.Where(c => c.State == ConnectorState.Draining).ToList();
        var need = new RegionNeed(region, active.Count, warm.Count, draining.Count, needActive.Need, needProvisioned.Need, needHold, peak.Need, peak.At?.Start);

        // Region bottlenecks over the whole horizon.
        var quota = state.QuotaOf(region);
        long freeCores = quota?.CoresFree ?? long.MaxValue;
        if (peak.Need > o.MaxConnectorsPerRegion)
        {
            bottlenecks.Add(new Bottleneck(BottleneckKind.ConnectorLimit, region, null, peak.At!.Start, Text(
                $"the forecast needs {peak.Need} connectors at {peak.At.Start:HH:mm} UTC; the region may have {o.MaxConnectorsPerRegion}")));
        }

        if (quota is not null)
        {
            var ours = mine.Sum(c => (long)CoresOf(c));
            var hostable = (quota.CoresLimit - (quota.CoresUsed - ours)) / o.ActiveSize.Cores;
            if (peak.Need > hostable)
            {
                bottlenecks.Add(new Bottleneck(BottleneckKind.QuotaExceeded, region, null, peak.At!.Start, Text(
                    $"the forecast needs {peak.Need} active connectors ({peak.Need * o.ActiveSize.Cores} vCPUs) at {peak.At.Start:HH:mm} UTC; the vCPU quota ({quota.CoresUsed}/{quota.CoresLimit} used) hosts {Math.Max(0, hostable)}")));
            }
        }

        // 1. Scale up: draining ones first (already at the active size), then warm ones.
        var deficit = needActive.Need - active.Count;
        var scaledUp = 0;
        var upReason = Text($"{needActive.Need} active connectors needed by {needActive.At?.Start:HH:mm} UTC (activation takes {Minutes(o.ActivationLeadTime)}); {active.Count} active");
        foreach (var c in draining.ToList())
        {
            if (deficit <= 0)
            {
                break;
            }

            actions.Add(new ConnectorAction(ConnectorActionKind.ScaleUp, c.Id, region, o.ActiveSize.Name, upReason + "; taken back from draining"));
            draining.Remove(c);
            deficit--;
            scaledUp++;
        }

        var activationCores = o.ActiveSize.Cores - o.WarmSize.Cores;
        foreach (var c in warm.ToList())
        {
            if (deficit <= 0)
            {
                break;
            }

            if (freeCores < activationCores)
            {
                bottlenecks.Add(new Bottleneck(BottleneckKind.QuotaExceeded, region, null, needActive.At!.Start, Text($"no vCPU quota left to scale up {c.Id} ({activationCores} more vCPUs needed, {freeCores} free)")));
                break;
            }

            freeCores -= activationCores;
            actions.Add(new ConnectorAction(ConnectorActionKind.ScaleUp, c.Id, region, o.ActiveSize.Name, upReason + "; warm until now"));
            warm.Remove(c);
            deficit--;
            scaledUp++;
        }

        var activeAfter = active.Count + scaledUp;
        if (deficit > 0)
        {
            bottlenecks.Add(new Bottleneck(BottleneckKind.LateCapacity, region, null, needActive.At!.Start, Text(
                $"{needActive.Need} active connectors needed by {needActive.At.Start:HH:mm} UTC, {activeAfter} can be; a new one takes {Minutes(o.ProvisionLeadTime + o.ActivationLeadTime)}")));
        }

        // 2. Provision new warm connectors for the need within the provisioning lead time.
        var existing = mine.Count;
        var target = Math.Min(o.MaxConnectorsPerRegion, Math.Max(needProvisioned.Need, activeAfter + o.MinWarmPerRegion));
        if (target > existing)
        {
            var reason = needProvisioned.At is { } at
                ? Text($"{needProvisioned.Need} connectors needed at {at.Start:HH:mm} UTC (upper bound {at.UpperTasks} transfers, {at.UpperMBps:0.#} MB/s); provisioning + activation take {Minutes(o.ProvisionLeadTime + o.ActivationLeadTime)}; {existing} exist")
                : Text($"warm pool of {o.MinWarmPerRegion} beside {activeAfter} active; {existing} exist");
            foreach (var id in ConnectorNames.Next(region, mine.Select(c => c.Id), target - existing))
            {
                if (freeCores < o.WarmSize.Cores)
                {
                    bottlenecks.Add(new Bottleneck(BottleneckKind.QuotaExceeded, region, null, needProvisioned.At?.Start ?? now, Text($"no vCPU quota left to provision {id} ({o.WarmSize.Cores} vCPUs needed, {freeCores} free)")));
                    break;
                }

                freeCores -= o.WarmSize.Cores;
                actions.Add(new ConnectorAction(ConnectorActionKind.Provision, id, region, o.WarmSize.Name, reason));
            }
        }

        // 3. Scale down, with hysteresis: never in a round that scaled up, never below the look-ahead's need, never a
        // connector that changed state less than MinStateTime ago, never a busy one (it drains instead).
        var activeStaying = activeAfter;
        if (scaledUp == 0 && deficit <= 0)
        {
            foreach (var c in draining.Where(c => !c.IsBusy))
            {
                actions.Add(new ConnectorAction(ConnectorActionKind.ScaleDown, c.Id, region, o.WarmSize.Name, "drained: no task left"));
            }

            var surplus = active.Count - needHold;
            var candidates = active
                .Where(c => c.StateSince + o.MinStateTime <= now)
                .OrderBy(c => c.AssignedTasks.Count)
                .ThenByDescending(c => c.Id, StringComparer.Ordinal)
                .Take(Math.Max(0, surplus));
            var downReason = Text($"{needHold} connectors needed over the next {Minutes(o.ScaleDownLookahead)}; {active.Count} active");
            foreach (var c in candidates)
            {
                actions.Add(c.IsBusy
                    ? new ConnectorAction(ConnectorActionKind.Drain, c.Id, region, c.Size, downReason + Text($"; carries {c.AssignedTasks.Count} task(s), so it drains first"))
                    : new ConnectorAction(ConnectorActionKind.ScaleDown, c.Id, region, o.WarmSize.Name, downReason));
                activeStaying--;
            }
        }

        // 4. Decommission idle warm connectors beyond the warm pool once they have been warm for WarmRetention.
        var warmKeep = Math.Max(o.MinWarmPerRegion, needHold - activeStaying);
        var removable = warm
            .Where(c => !c.IsBusy && c.StateSince + o.WarmRetention <= now)
            .OrderByDescending(c => c.Id, StringComparer.Ordinal)
            .Take(Math.Max(0, warm.Count - warmKeep));
        foreach (var c in removable)
        {
            actions.Add(new ConnectorAction(ConnectorActionKind.Decommission, c.Id, region, c.Size, Text(
                $"warm and idle for {Minutes(now - c.StateSince)}; {needHold} needed over the next {Minutes(o.ScaleDownLookahead)}, warm pool {warmKeep}")));
        }

        return need;
    }

    private int CoresOf(Connector c) =>
        string.Equals(c.Size, _options.WarmSize.Name, StringComparison.OrdinalIgnoreCase) ? _options.WarmSize.Cores : _options.ActiveSize.Cores;

    private static string Minutes(TimeSpan t) => BottleneckDetector.Format(t);

    private static string Text(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
