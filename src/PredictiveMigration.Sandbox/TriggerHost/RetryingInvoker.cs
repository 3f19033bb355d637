namespace PredictiveMigration.Sandbox.TriggerHost;

/// <summary>
/// One invocation with the function's retry policy, as the host runs it in-process: on failure it waits the policy's
/// delay (on the host's clock) and invokes again with <c>RetryContext.RetryCount</c> raised, until success or the
/// policy runs out. The caller's trigger is blocked meanwhile (for Event Hubs: the partition).
/// </summary>
internal static class RetryingInvoker
{
    /// <summary>Returns the last outcome and the number of retries made.</summary>
    public static async Task<(InvocationOutcome Outcome, int Retries)> InvokeAsync(
        AppInvoker invoker,
        FunctionMetadata function,
        Func<int, string?, string> buildEnvelope,
        TimeProvider clock,
        TriggerHostCounters counters,
        Action<int, string>? onFailure,
        CancellationToken cancellationToken)
    {
        var retry = 0;
        string? lastError = null;
        while (true)
        {
            var outcome = await invoker.InvokeAsync(function.Name, buildEnvelope(retry, lastError), cancellationToken).ConfigureAwait(false);
            if (outcome.Succeeded)
            {
                return (outcome, retry);
            }

            counters.InvocationFailed();
            lastError = outcome.Error;
            onFailure?.Invoke(retry, outcome.Error!);
            if (function.Retry is not { } policy || !policy.Allows(retry + 1))
            {
                return (outcome, retry);
            }

            retry++;
            await Task.Delay(policy.DelayBefore(retry), clock, cancellationToken).ConfigureAwait(false);
        }
    }
}
