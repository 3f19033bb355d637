namespace PredictiveMigration.Domain.Connectors;

/// <summary>
/// The connector record after an action succeeded: what a runner stores once the cloud call is done. Illegal changes
/// (scaling down or deleting a busy connector, acting on a missing one) throw: plans never contain them.
/// </summary>
public static class ConnectorTransitions
{
    /// <summary>The connector after <paramref name="action"/> at <paramref name="at"/>; null once decommissioned.</summary>
    public static Connector? Apply(Connector? current, ConnectorAction action, DateTimeOffset at, ConnectorPlanOptions options)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(options);
        switch (action.Kind)
        {
            case ConnectorActionKind.Provision:
                return current ?? new Connector(action.ConnectorId, action.Region, options.WarmSize.Name, ConnectorState.Warm, 0, 0, [], at);
            case ConnectorActionKind.ScaleUp:
                var toScale = Require(current, action);
                return toScale.State == ConnectorState.Active && toScale.Size == options.ActiveSize.Name
                    ? toScale
                    : toScale with { Size = options.ActiveSize.Name, State = ConnectorState.Active, CapacityMBps = options.ActiveSize.BandwidthMBps, MaxTasks = options.ActiveSize.MaxTasks, StateSince = at };
            case ConnectorActionKind.Drain:
                var toDrain = Require(current, action);
                return toDrain.State == ConnectorState.Draining ? toDrain : toDrain with { State = ConnectorState.Draining, StateSince = at };
            case ConnectorActionKind.ScaleDown:
                var toWarm = Require(current, action);
                if (toWarm.IsBusy)
                {
                    throw new InvalidOperationException($"Connector {toWarm.Id} carries {toWarm.AssignedTasks.Count} task(s): it cannot be scaled down.");
                }

                return toWarm.State == ConnectorState.Warm ? toWarm : toWarm with { Size = options.WarmSize.Name, State = ConnectorState.Warm, CapacityMBps = 0, MaxTasks = 0, StateSince = at };
            case ConnectorActionKind.Decommission:
                if (current is { IsBusy: true })
                {
                    throw new InvalidOperationException($"Connector {current.Id} carries {current.AssignedTasks.Count} task(s): it cannot be decommissioned.");
                }

                return null;
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action.Kind, "Unknown connector action.");
        }
    }

    /// <summary>Applies a whole plan to a fleet (connectors not named by an action stay as they are).</summary>
    public static IReadOnlyList<Connector> Apply(IReadOnlyList<Connector> connectors, IEnumerable<ConnectorAction> actions, DateTimeOffset at, ConnectorPlanOptions options)
    {
        ArgumentNullException.ThrowIfNull(connectors);
        ArgumentNullException.ThrowIfNull(actions);
        var byId = connectors.ToDictionary(c => c.Id, StringComparer.OrdinalIgnoreCase);
        foreach (var action in actions)
        {
            byId.TryGetValue(action.ConnectorId, out var current);
            var next = Apply(current, action, at, options);
            if (next is null)
            {
                byId.Remove(action.ConnectorId);
            }
            else
            {
                byId[action.ConnectorId] = next;
            }
        }

        return [.. byId.Values.OrderBy(c => c.Id, StringComparer.Ordinal)];
    }

    private static Connector Require(Connector? current, ConnectorAction action) =>
        current ?? throw new InvalidOperationException($"Connector {action.ConnectorId} does not exist: cannot {action.Kind}.");
}
