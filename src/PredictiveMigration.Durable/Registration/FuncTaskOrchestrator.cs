namespace PredictiveMigration.Durable.Registration;

/// <summary>Adapts an orchestrator function to <see cref="TaskOrchestrator{TInput, TOutput}"/>.</summary>
internal sealed class FuncTaskOrchestrator<TInput, TOutput>(Func<TaskOrchestrationContext, TInput, Task<TOutput>> implementation)
    : TaskOrchestrator<TInput, TOutput>
{
    public override Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input) => implementation(context, input);
}
