using PredictiveMigration.Domain.Cloud;

namespace PredictiveMigration.Workflows.Migrations;

/// <summary>
/// What a migration activity returns: a value, or an expected failure as a value (STYLE.md §4) with whether trying
/// again can help and how long the cloud asked to wait. The orchestrator retries transient failures on durable timers.
/// </summary>
public sealed record StepResult<T>(bool Ok, T? Value, string? Code, string? Message, bool Transient, TimeSpan? RetryAfter)
{
    public static StepResult<T> Success(T value) => new(true, value, null, null, false, null);

    public static StepResult<T> Fail(string code, string message, bool transient = false, TimeSpan? retryAfter = null) =>
        new(false, default, code, message, transient, retryAfter);

    public static StepResult<T> Fail(CloudFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new(false, default, failure.Code, failure.ToString(), failure.Transient, failure.RetryAfter);
    }

    public static StepResult<T> From(CloudResult<T> result) => result.IsSuccess ? Success(result.Value!) : Fail(result.Failure!);
}
