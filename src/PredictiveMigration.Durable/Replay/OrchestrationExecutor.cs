using Google.Protobuf.WellKnownTypes;
using PredictiveMigration.Durable.Protobuf;
using PredictiveMigration.Durable.Registration;

namespace PredictiveMigration.Durable.Replay;

/// <summary>
/// The replay executor: given an <see cref="OrchestratorRequest"/> (the history so far plus the new events) it
/// runs the orchestrator code deterministically and returns the <see cref="OrchestratorResponse"/> with the new
/// actions and the custom status. It never throws for application errors: those become a FAILED completion.
/// Thread-safe; every call is independent.
/// </summary>
public sealed class OrchestrationExecutor
{
    // UNCONFIRMED (PROTOCOL.md §3.2): the extension may send extended-session requests without history, flagged by
    // this property set to false. We never enable extended sessions; if one arrives anyway we ask for the history.
    private const string IncludeStateProperty = "IncludeState";

    private readonly DurableTaskRegistry _registry;
    private readonly DurableTaskOptions _options;
    private readonly IServiceProvider _services;

    /// <summary>Creates the executor.</summary>
    /// <param name="registry">The orchestrators, by name.</param>
    /// <param name="options">Serialization and logging settings; default <see cref="DurableTaskOptions"/>.</param>
    /// <param name="services">Resolves orchestrator constructor dependencies; default: none.</param>
    public OrchestrationExecutor(DurableTaskRegistry registry, DurableTaskOptions? options = null, IServiceProvider? services = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
        _options = options ?? new DurableTaskOptions();
        _services = services ?? EmptyServiceProvider.Instance;
    }

    /// <summary>The settings in use.</summary>
    public DurableTaskOptions Options => _options;

    /// <summary>Runs one episode.</summary>
    /// <param name="request">The orchestrator work item.</param>
    /// <returns>The new actions and the custom status.</returns>
    public OrchestratorResponse Execute(OrchestratorRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.PastEvents.Count == 0
            && request.Properties.TryGetValue(IncludeStateProperty, out Value? includeState)
            && includeState.KindCase == Value.KindOneofCase.BoolValue
            && !includeState.BoolValue)
        {
            return new OrchestratorResponse { InstanceId = request.InstanceId, RequiresHistory = true };
        }

        try
        {
            return new EpisodeRunner(request, _registry, _services, _options).Run();
        }
        catch (Exception exception)
        {
            // Only a bug of ours gets here; it still must not become a non-2xx answer.
            return CreateFailedResponse(request.InstanceId, exception, _options.IncludeStackTraces);
        }
    }

    /// <summary>A response that fails the orchestration with <paramref name="exception"/>.</summary>
    /// <param name="instanceId">The instance id to echo.</param>
    /// <param name="exception">Why.</param>
    /// <param name="includeStackTrace">Whether to include the stack trace.</param>
    public static OrchestratorResponse CreateFailedResponse(string instanceId, Exception exception, bool includeStackTrace = true)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new OrchestratorResponse
        {
            InstanceId = instanceId ?? string.Empty,
            OrchestrationTraceContext = new OrchestrationTraceContext(),
            Actions =
            {
                new OrchestratorAction
                {
                    CompleteOrchestration = new CompleteOrchestrationAction
                    {
                        OrchestrationStatus = OrchestrationStatus.Failed,
                        Result = exception.Message,
                        FailureDetails = FailureDetailsConverter.ToProto(FailureDetailsConverter.ToInfo(exception, includeStackTrace)),
                    },
                },
            },
        };
    }
}
