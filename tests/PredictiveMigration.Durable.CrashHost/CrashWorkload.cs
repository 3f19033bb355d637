using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace PredictiveMigration.Durable.CrashHost;

/// <summary>
/// The crash test's orchestration: a chain of <c>steps</c> activities, then a fan-out of <see cref="FanOut"/>, each
/// activity recording its side effect as a table row keyed by instance id + step, inserted with Add so a second
/// execution is detected (409) instead of applied; every attempt also adds a row of its own, to count re-runs.
/// </summary>
public static class CrashWorkload
{
    public const string Orchestrator = "CrashChain";

    public const string Activity = "Effect";

    public const int FanOut = 3;

    public const string EffectPrefix = "effect-";

    public const string AttemptPrefix = "attempt-";

    public static int ActivitiesPerInstance(int steps) => steps + FanOut;

    public static int ExpectedOutput(int steps) =>
        Enumerable.Range(0, steps).Sum(i => 2 * i) + Enumerable.Range(0, FanOut).Sum(j => 2 * (100 + j));

    public static string EffectRowKey(int step) => EffectPrefix + step.ToString("D3", CultureInfo.InvariantCulture);

    public static DurableTaskRegistry CreateRegistry(TableClient effects)
    {
        ArgumentNullException.ThrowIfNull(effects);
        return new DurableTaskRegistry()
            .AddOrchestrator<int, int>(Orchestrator, async (context, steps) =>
            {
                int sum = 0;
                for (int i = 0; i < steps; i++)
                {
                    sum += await context.CallActivityAsync<int>(Activity, new EffectInput(i, i));
                }

                int[] fanned = await Task.WhenAll(Enumerable.Range(0, FanOut).Select(j => context.CallActivityAsync<int>(Activity, new EffectInput(100 + j, 100 + j))));
                return sum + fanned.Sum();
            })
            .AddActivity<EffectInput, int>(Activity, async (context, input, cancellationToken) =>
            {
                await effects.AddEntityAsync(
                    new TableEntity(context.InstanceId, AttemptPrefix + input.Step.ToString("D3", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")),
                    cancellationToken);
                try
                {
                    await effects.AddEntityAsync(new TableEntity(context.InstanceId, EffectRowKey(input.Step)), cancellationToken);
                }
                catch (RequestFailedException exception) when (exception.Status == 409)
                {
                    // Done by an earlier attempt whose completion was lost in a crash: the effect is not applied again.
                }

                await Task.Delay(15, cancellationToken);
                return input.Value * 2;
            });
    }
}
