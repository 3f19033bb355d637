namespace PredictiveMigration.Durable.Registration;

/// <summary>A service provider that knows nothing; used when the host passes none.</summary>
internal sealed class EmptyServiceProvider : IServiceProvider
{
    public static readonly EmptyServiceProvider Instance = new();

    public object? GetService(Type serviceType) => null;
}
