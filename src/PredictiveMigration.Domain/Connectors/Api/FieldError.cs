namespace PredictiveMigration.Domain.Connectors.Api;

/// <summary>A request field that is wrong, named as in the JSON body, and what is wrong with it.</summary>
public sealed record FieldError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
