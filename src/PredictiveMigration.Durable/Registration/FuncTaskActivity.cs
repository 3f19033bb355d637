namespace PredictiveMigration.Durable.Registration;

/// <summary>Adapts an activity function to <see cref="TaskActivity{TInput, TOutput}"/>.</summary>
internal sealed class FuncTaskActivity<TInput, TOutput>(Func<TaskActivityContext, TInput, CancellationToken, Task<TOutput>> implementation)
    : TaskActivity<TInput, TOutput>
{
    public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input, CancellationToken cancellationToken) =>
        implementation(context, input, cancellationToken);
}
