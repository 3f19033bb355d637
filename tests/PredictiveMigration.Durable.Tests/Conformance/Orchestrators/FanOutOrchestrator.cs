namespace PredictiveMigration.Durable.Tests.Conformance.Orchestrators;

/// <summary>README "FanOut": n parallel "Work" activities (n ≤ 0 means 3), return the sum.</summary>
internal sealed class FanOutOrchestrator : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        int n = input <= 0 ? 3 : input;
        Task<int>[] work = [.. Enumerable.Range(0, n).Select(i => context.CallActivityAsync<int>("Work", i))];
        int[] results = await Task.WhenAll(work);
        return results.Sum();
    }
}
