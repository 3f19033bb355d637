namespace PredictiveMigration.Durable;

/// <summary>
/// Base class for activities. Throwing an exception fails the task: the orchestrator sees a
/// <see cref="TaskFailedException"/> carrying the exception's type name and message.
/// </summary>
/// <typeparam name="TInput">The input type (JSON).</typeparam>
/// <typeparam name="TOutput">The output type (JSON).</typeparam>
public abstract class TaskActivity<TInput, TOutput> : ITaskActivity
{
    Type ITaskActivity.InputType => typeof(TInput);

    Type ITaskActivity.OutputType => typeof(TOutput);

    /// <summary>Runs the activity.</summary>
    /// <param name="context">Which activity and which orchestration instance this is.</param>
    /// <param name="input">The input; <see langword="default"/> when none was given.</param>
    /// <param name="cancellationToken">Cancelled when the host abandons the invocation.</param>
    /// <returns>The activity's result.</returns>
    public abstract Task<TOutput> RunAsync(TaskActivityContext context, TInput input, CancellationToken cancellationToken);

    async Task<object?> ITaskActivity.RunAsync(TaskActivityContext context, object? input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return await RunAsync(context, input is null ? default! : (TInput)input, cancellationToken).ConfigureAwait(false);
    }
}
