using System.Diagnostics;
using System.Globalization;
using PredictiveMigration.Domain.Cloud;
using PredictiveMigration.Domain.Migrations;

namespace PredictiveMigration.Sandbox.Tests.Traffic;

/// <summary>
/// A small progressive-shift driver for the tests (the product's orchestrator is written elsewhere): for each step
/// (e.g. 10 → 50 → 100 %), set the weights, then verify the target for the bake time, sampling its health every
/// poll over the time since the step began and failing as soon as the SLO is broken. A step passes after the bake time
/// once at least <see cref="ShiftSlo.MinRequests"/> reached the target (the bake stretches up to
/// <see cref="MaxBakeFactor"/> times for that, so a slow machine is not judged on too few requests). At 100 % the
/// cut-over (quiescing the source) runs before the last verification. Any failure sets 100 % back on the source.
/// </summary>
internal sealed class ProgressiveShiftDriver(ITrafficRouter router, IEndpointHealth health, string resourceGroup, string profile)
{
    public const int MaxBakeFactor = 20;

    public async Task<ShiftOutcome> RunAsync(
        WeightedEndpoint source, WeightedEndpoint target, IReadOnlyList<int> steps, TimeSpan bake, TimeSpan poll, ShiftSlo slo,
        Func<CancellationToken, Task>? cutover, CancellationToken cancellationToken)
    {
        var samples = new List<EndpointHealthSample>();
        foreach (var percent in steps)
        {
            var set = await router.SetWeightsAsync(resourceGroup, profile, [source with { Weight = 100 - percent }, target with { Weight = percent }], cancellationToken);
            if (!set.IsSuccess)
            {
                return await RollBackAsync(source, target, percent, $"setting {percent} % failed: {set.Failure}", samples, cancellationToken);
            }

            if (percent == 100 && cutover is not null)
            {
                // Cut-over: no new request goes to the source any more; quiesce it (requests in flight finish).
                await cutover(cancellationToken);
            }

            var failure = await VerifyAsync(target.Name, bake, poll, slo, samples, cancellationToken);

            if (failure is not null)
            {
                return await RollBackAsync(source, target, percent, failure, samples, cancellationToken);
            }
        }

        return new ShiftOutcome(true, steps[^1], null, samples);
    }

    private async Task<string?> VerifyAsync(string endpoint, TimeSpan bake, TimeSpan poll, ShiftSlo slo, List<EndpointHealthSample> samples, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            await Task.Delay(poll, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(start);
            var sample = await health.SampleAsync(profile, endpoint, elapsed, cancellationToken);
            samples.Add(sample);
            if (sample.Requests >= slo.MinRequests)
            {
                if (sample.ErrorRate > slo.MaxErrorRate)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"error rate {sample.ErrorRate:P1} over {sample.Requests} requests exceeds {slo.MaxErrorRate:P1}");
                }

                if (sample.P95LatencyMs > slo.MaxP95LatencyMs)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"p95 latency {sample.P95LatencyMs:F0} ms exceeds {slo.MaxP95LatencyMs:F0} ms");
                }
            }

            if (elapsed >= bake && sample.Requests >= slo.MinRequests)
            {
                return null;
            }

            if (elapsed >= bake * MaxBakeFactor)
            {
                return string.Create(CultureInfo.InvariantCulture, $"only {sample.Requests} requests reached {endpoint} in {elapsed.TotalSeconds:F1} s; cannot verify");
            }
        }
    }

    private async Task<ShiftOutcome> RollBackAsync(WeightedEndpoint source, WeightedEndpoint target, int percent, string reason, List<EndpointHealthSample> samples, CancellationToken cancellationToken)
    {
        var back = await router.SetWeightsAsync(resourceGroup, profile, [source with { Weight = 100 }, target with { Weight = 0 }], cancellationToken);
        Assert.True(back.IsSuccess, $"rollback failed: {back.Failure}");
        return new ShiftOutcome(false, percent, reason, samples) { RolledBackAt = Stopwatch.GetTimestamp() };
    }
}
