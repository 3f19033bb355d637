namespace PredictiveMigration.Sandbox.Fleet;

/// <summary>Where the simulator learns each server's capacity: fixed (tests, the counterfactual) or the sandbox cloud.</summary>
public interface ICapacitySource
{
    /// <summary>The capacities of the given servers now; a server missing from the answer keeps its last known capacity.</summary>
    ValueTask<IReadOnlyDictionary<string, ServerCapacity>> GetCapacitiesAsync(IReadOnlyCollection<string> serverIds, CancellationToken cancellationToken);
}
