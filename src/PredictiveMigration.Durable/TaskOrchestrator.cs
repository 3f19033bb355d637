namespace PredictiveMigration.Durable;

/// <summary>
/// Base class for orchestrators. The code runs again from the top on every episode (replay), so it must be
/// deterministic: use <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/>,
/// <see cref="TaskOrchestrationContext.NewGuid"/> and <see cref="TaskOrchestrationContext.CreateTimer(DateTime, CancellationToken)"/>
/// instead of the clock, <c>Guid.NewGuid()</c> and <c>Task.Delay</c>, and do all I/O in activities.
/// </summary>
/// <typeparam name="TInput">The input type (JSON).</typeparam>
/// <typeparam name="TOutput">The output type (JSON).</typeparam>
public abstract class TaskOrchestrator<TInput, TOutput> : ITaskOrchestrator
{
    Type ITaskOrchestrator.InputType => typeof(TInput);

    Type ITaskOrchestrator.OutputType => typeof(TOutput);

    /// <summary>Runs the orchestrator.</summary>
    /// <param name="context">The orchestration context.</param>
    /// <param name="input">The input; <see langword="default"/> when the orchestration was started without one.</param>
    /// <returns>The orchestration's output.</returns>
    public abstract Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input);

    async Task<object?> ITaskOrchestrator.RunAsync(TaskOrchestrationContext context, object? input)
    {
        ArgumentNullException.ThrowIfNull(context);
        return await RunAsync(context, input is null ? default! : (TInput)input);
    }
}
