using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace PredictiveMigration.Sandbox.TriggerHost;

/// <summary>
/// Runs one <c>timerTrigger</c> function on the host's clock (the accelerated clock in the sandbox). Invocations of
/// the function never overlap (one loop per function, like the host's singleton lock). Ticks missed while an
/// invocation ran are coalesced into one invocation with <c>IsPastDue: true</c>. The payload is the host's
/// <c>TimerInfo</c> (PROTOCOL.md §2.4): <c>{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{Last,Next,LastUpdated},"IsPastDue":…}</c>
/// (<c>ScheduleStatus</c> is null with <c>useMonitor: false</c>). As in the host's TimerListener, the status is the one
/// recorded before this invocation: <c>Last</c> = the occurrence of the previous invocation (0001-01-01 before the
/// first), <c>Next</c> = the occurrence due now as recorded then, <c>LastUpdated</c> = when it was recorded.
/// </summary>
internal sealed class TimerTriggerRunner
{
    private static readonly DateTimeOffset NeverRan = new(1, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly FunctionMetadata _function;
    private readonly TimerSchedule _schedule;
    private readonly bool _runOnStartup;
    private readonly bool _useMonitor;
    private readonly AppInvoker _invoker;
    private readonly TimeProvider _clock;
    private readonly TriggerHostCounters _counters;
    private readonly ILogger _logger;

    public TimerTriggerRunner(FunctionMetadata function, HostSettings settings, AppInvoker invoker, TimeProvider clock, TriggerHostCounters counters, ILogger logger)
    {
        _function = function;
        var text = function.TriggerProperty("schedule") ?? throw new FormatException($"{function.Name}/function.json: the timerTrigger has no schedule");
        _schedule = TimerSchedule.Parse(settings.Resolve(text, $"{function.Name}/function.json schedule"), function.Name);
        _runOnStartup = function.Trigger["runOnStartup"] is JsonValue r && r.TryGetValue<bool>(out var b) && b;
        _useMonitor = function.Trigger["useMonitor"] is not JsonValue m || !m.TryGetValue<bool>(out var u) || u;
        _invoker = invoker;
        _clock = clock;
        _counters = counters;
        _logger = logger;
    }

    public string Schedule => _schedule.Text;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var last = NeverRan;
        var updated = _clock.GetUtcNow();
        var scheduled = _schedule.Next(updated);
        if (_runOnStartup)
        {
            await FireAsync(last, scheduled, updated, pastDue: false, cancellationToken).ConfigureAwait(false);
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            var wait = scheduled - _clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _clock, cancellationToken).ConfigureAwait(false);
                continue;
            }

            // Every occurrence up to now collapses into this one invocation.
            var now = _clock.GetUtcNow();
            var latest = _schedule.Previous(now) ?? scheduled;
            var pastDue = latest > scheduled;
            var next = _schedule.Next(now);
            await FireAsync(last, scheduled, updated, pastDue, cancellationToken).ConfigureAwait(false);

            // The following occurrence is counted from when this one fired: if the invocation outlasts it, the next
            // invocation is late, stands for every tick missed meanwhile, and says so (IsPastDue).
            last = latest;
            updated = _clock.GetUtcNow();
            scheduled = next;
        }
    }

    private async Task FireAsync(DateTimeOffset last, DateTimeOffset next, DateTimeOffset updated, bool pastDue, CancellationToken cancellationToken)
    {
        var (outcome, _) = await RetryingInvoker.InvokeAsync(_invoker, _function, (retry, error) => Envelope(last, next, updated, pastDue, retry, error), _clock, _counters,
            (retry, error) => Logs.TimerFailed(_logger, _function.Name, retry, error), cancellationToken).ConfigureAwait(false);
        if (outcome.Succeeded)
        {
            _counters.TimerFired(pastDue);
        }
    }

    internal string Envelope(DateTimeOffset last, DateTimeOffset next, DateTimeOffset updated, bool pastDue, int retry, string? error)
    {
        var now = _clock.GetUtcNow();
        var info = new JsonObject
        {
            ["Schedule"] = new JsonObject { ["AdjustForDST"] = true },
            ["ScheduleStatus"] = _useMonitor
                ? new JsonObject { ["Last"] = HostJson.Date(last), ["Next"] = HostJson.Date(next), ["LastUpdated"] = HostJson.Date(updated) }
                : null,
            ["IsPastDue"] = pastDue,
        };
        return new InvocationEnvelope(_function.Name, now, Guid.NewGuid())
            .Data(_function.TriggerName, info)
            .RetryContext(_function.Retry, retry, error)
            .ToJson();
    }
}
