namespace PredictiveMigration.Durable.Storage.Backend;

/// <summary>Instance ids are table partition keys: these characters cannot be used.</summary>
internal static class InstanceIds
{
    public const int MaxLength = 256;

    public static void Validate(string instanceId, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId, parameterName);
        if (instanceId.Length > MaxLength || instanceId.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            throw new ArgumentException($"An instance id must be at most {MaxLength} characters without '/', '\\', '#', '?' or control characters (was '{instanceId}').", parameterName);
        }
    }
}
