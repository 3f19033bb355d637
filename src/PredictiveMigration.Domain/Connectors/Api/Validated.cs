namespace PredictiveMigration.Domain.Connectors.Api;

/// <summary>A request's answer, or the fields that made it invalid (expected failures are values, STYLE.md §4).</summary>
public sealed record Validated<T>(T? Value, IReadOnlyList<FieldError> Errors)
    where T : class
{
    public bool IsValid => Errors.Count == 0;

    public static Validated<T> Ok(T value) => new(value, []);

    public static Validated<T> Invalid(IReadOnlyList<FieldError> errors) => new(null, errors);
}
