namespace PredictiveMigration.Domain.Cloud;

/// <summary>The outcome of a cloud call: a value, or a <see cref="CloudFailure"/> (expected failures are values, STYLE.md §4).</summary>
public readonly record struct CloudResult<T>(T? Value, CloudFailure? Failure)
{
    public bool IsSuccess => Failure is null;

    public static CloudResult<T> Ok(T value) => new(value, null);

    public static CloudResult<T> Fail(CloudFailure failure) => new(default, failure);
}
