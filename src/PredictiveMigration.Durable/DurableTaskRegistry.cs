using System.Diagnostics.CodeAnalysis;
using PredictiveMigration.Durable.Registration;

namespace PredictiveMigration.Durable;

/// <summary>
/// The orchestrators and activities of an app, by name (names compare case-insensitively, like Functions
/// function names). A new orchestrator or activity instance is created for every episode or invocation from
/// the <see cref="IServiceProvider"/> the caller passes in, so classes can take constructor dependencies.
/// </summary>
/// <remarks>
/// DI-friendly: build the registry once at start-up and register it as a singleton; the executor and the
/// routes resolve task classes through whatever <see cref="IServiceProvider"/> the host uses. (A
/// <c>services.AddDurableTasks(...)</c> extension would need Microsoft.Extensions.DependencyInjection.Abstractions,
/// which this project does not reference; the Functions app can add that one-liner.)
/// </remarks>
public sealed class DurableTaskRegistry
{
    private readonly Dictionary<string, Func<IServiceProvider, ITaskOrchestrator>> _orchestrators = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Func<IServiceProvider, ITaskActivity>> _activities = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The registered orchestrator names.</summary>
    public IReadOnlyCollection<string> OrchestratorNames => _orchestrators.Keys;

    /// <summary>The registered activity names.</summary>
    public IReadOnlyCollection<string> ActivityNames => _activities.Keys;

    /// <summary>Registers an orchestrator created by <paramref name="factory"/>.</summary>
    /// <param name="name">The orchestrator (function) name.</param>
    /// <param name="factory">Creates an instance per episode.</param>
    /// <returns>This registry.</returns>
    public DurableTaskRegistry AddOrchestrator(string name, Func<IServiceProvider, ITaskOrchestrator> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        if (!_orchestrators.TryAdd(name, factory))
        {
            throw new ArgumentException($"An orchestrator named '{name}' is already registered.", nameof(name));
        }

        return this;
    }

    /// <summary>
    /// Registers an orchestrator class. The instance comes from the service provider when it is registered there,
    /// otherwise from its public constructor with the most parameters, each resolved from the service provider.
    /// </summary>
    /// <typeparam name="TOrchestrator">The orchestrator class.</typeparam>
    /// <param name="name">The name; default: the class name.</param>
    /// <returns>This registry.</returns>
    public DurableTaskRegistry AddOrchestrator<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TOrchestrator>(string? name = null)
        where TOrchestrator : class, ITaskOrchestrator =>
        AddOrchestrator(name ?? typeof(TOrchestrator).Name, ServiceActivator.Create<TOrchestrator>);

    /// <summary>Registers an orchestrator written as a function.</summary>
    /// <typeparam name="TInput">The input type.</typeparam>
    /// <typeparam name="TOutput">The output type.</typeparam>
    /// <param name="name">The orchestrator name.</param>
    /// <param name="implementation">The orchestrator code.</param>
    /// <returns>This registry.</returns>
    public DurableTaskRegistry AddOrchestrator<TInput, TOutput>(string name, Func<TaskOrchestrationContext, TInput, Task<TOutput>> implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        var orchestrator = new FuncTaskOrchestrator<TInput, TOutput>(implementation);
        return AddOrchestrator(name, _ => orchestrator);
    }

    /// <summary>Registers an activity created by <paramref name="factory"/>.</summary>
    /// <param name="name">The activity (function) name.</param>
    /// <param name="factory">Creates an instance per invocation.</param>
    /// <returns>This registry.</returns>
    public DurableTaskRegistry AddActivity(string name, Func<IServiceProvider, ITaskActivity> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        if (!_activities.TryAdd(name, factory))
        {
            throw new ArgumentException($"An activity named '{name}' is already registered.", nameof(name));
        }

        return this;
    }

    /// <summary>Registers an activity class (created like <see cref="AddOrchestrator{TOrchestrator}(string?)"/>).</summary>
    /// <typeparam name="TActivity">The activity class.</typeparam>
    /// <param name="name">The name; default: the class name.</param>
    /// <returns>This registry.</returns>
    public DurableTaskRegistry AddActivity<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TActivity>(string? name = null)
        where TActivity : class, ITaskActivity =>
        AddActivity(name ?? typeof(TActivity).Name, ServiceActivator.Create<TActivity>);

    /// <summary>Registers an activity written as a function.</summary>
    /// <typeparam name="TInput">The input type.</typeparam>
    /// <typeparam name="TOutput">The output type.</typeparam>
    /// <param name="name">The activity name.</param>
    /// <param name="implementation">The activity code.</param>
    /// <returns>This registry.</returns>
    public DurableTaskRegistry AddActivity<TInput, TOutput>(string name, Func<TaskActivityContext, TInput, CancellationToken, Task<TOutput>> implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        var activity = new FuncTaskActivity<TInput, TOutput>(implementation);
        return AddActivity(name, _ => activity);
    }

    /// <summary>Creates the orchestrator registered under <paramref name="name"/>.</summary>
    /// <param name="name">The name.</param>
    /// <param name="services">Resolves constructor dependencies.</param>
    /// <param name="orchestrator">The new instance.</param>
    /// <returns>Whether the name is registered.</returns>
    public bool TryCreateOrchestrator(string name, IServiceProvider services, [NotNullWhen(true)] out ITaskOrchestrator? orchestrator)
    {
        orchestrator = _orchestrators.TryGetValue(name, out var factory) ? factory(services) : null;
        return orchestrator is not null;
    }

    /// <summary>Creates the activity registered under <paramref name="name"/>.</summary>
    /// <param name="name">The name.</param>
    /// <param name="services">Resolves constructor dependencies.</param>
    /// <param name="activity">The new instance.</param>
    /// <returns>Whether the name is registered.</returns>
    public bool TryCreateActivity(string name, IServiceProvider services, [NotNullWhen(true)] out ITaskActivity? activity)
    {
        activity = _activities.TryGetValue(name, out var factory) ? factory(services) : null;
        return activity is not null;
    }
}
