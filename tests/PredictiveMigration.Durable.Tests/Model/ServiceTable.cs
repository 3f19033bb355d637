namespace PredictiveMigration.Durable.Tests.Model;

/// <summary>A dictionary-backed <see cref="IServiceProvider"/>.</summary>
internal sealed class ServiceTable : Dictionary<Type, object>, IServiceProvider
{
    public object? GetService(Type serviceType) => TryGetValue(serviceType, out object? service) ? service : null;
}
