namespace PredictiveMigration.Durable.Storage.Client;

/// <summary>
/// Starts, queries and controls orchestration instances. Two implementations: <see cref="Grpc.GrpcDurableClient"/>
/// talks to the Functions host's <c>TaskHubSidecarService</c> (in Azure, built from the <c>durableClient</c> binding),
/// and <see cref="Backend.DevelopmentDurableClient"/> talks to the development backend's tables and queues.
/// Inputs, outputs and event payloads are JSON text, as in the history.
/// </summary>
public interface IDurableClient
{
    /// <summary>Schedules a new orchestration instance.</summary>
    /// <param name="name">The orchestrator (function) name.</param>
    /// <param name="inputJson">The input as JSON text; <see langword="null"/> for none.</param>
    /// <param name="instanceId">The instance id: required and non-empty (callers choose ids, so a retried start is recognised).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The instance id.</returns>
    /// <exception cref="InvalidOperationException">An instance with this id already exists.</exception>
    Task<string> StartNewAsync(string name, string? inputJson, string instanceId, CancellationToken cancellationToken);

    /// <summary>Reads an instance's status.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="includeInputsAndOutputs">Whether to fill the input, output and custom status.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The status, or <see langword="null"/> when no such instance exists (never created, or purged).</returns>
    Task<OrchestrationMetadata?> GetStatusAsync(string instanceId, bool includeInputsAndOutputs, CancellationToken cancellationToken);

    /// <summary>Sends an external event to a running instance.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="eventName">The event name (matched case-insensitively by the orchestrator).</param>
    /// <param name="eventDataJson">The payload as JSON text; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="InvalidOperationException">No such instance exists.</exception>
    Task RaiseEventAsync(string instanceId, string eventName, string? eventDataJson, CancellationToken cancellationToken);

    /// <summary>Terminates a running instance; its status becomes Terminated with <paramref name="reason"/> as output.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="reason">Why (stored as the output, a JSON string).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="InvalidOperationException">No such instance exists.</exception>
    Task TerminateAsync(string instanceId, string? reason, CancellationToken cancellationToken);

    /// <summary>Deletes a finished instance and its history.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether an instance was deleted (false: none existed).</returns>
    /// <exception cref="InvalidOperationException">The instance has not finished.</exception>
    Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>Waits until the instance has finished (Completed, Failed, Terminated or Canceled).</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The final status, with inputs and outputs.</returns>
    /// <exception cref="TimeoutException">The instance did not finish within <paramref name="timeout"/>.</exception>
    Task<OrchestrationMetadata> WaitForCompletionAsync(string instanceId, TimeSpan timeout, CancellationToken cancellationToken);
}
