namespace PredictiveMigration.Domain.Connectors;

/// <summary>
/// Assigns migration tasks to active connectors, earliest deadline first: among active connectors with a free slot
/// within the placement's latency limit, the one with the lowest latency to the source (its own region first), then the
/// least loaded (used slots ÷ slots), then by id. A task already on a connector stays there (idempotent).
/// </summary>
public sealed class TaskAssigner(ConnectorPlacement placement)
{
    public TaskAssignmentResult Assign(IEnumerable<MigrationLoadItem> tasks, IReadOnlyList<Connector> connectors)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(connectors);
        var fleet = connectors.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var assignments = new List<TaskAssignment>();
        var unassigned = new List<UnassignedTask>();
        foreach (var task in tasks.OrderBy(t => t.Deadline).ThenBy(t => t.MigrationId, StringComparer.Ordinal))
        {
            if (fleet.Values.FirstOrDefault(c => c.AssignedTasks.Contains(task.MigrationId, StringComparer.Ordinal)) is { } holder)
            {
                assignments.Add(new TaskAssignment(task.MigrationId, holder.Id, holder.Region, placement.Latency(task.SourceRegion, holder.Region)));
                continue;
            }

            var best = fleet.Values
                .Where(c => c.FreeTasks > 0)
                .Select(c => (Connector: c, Latency: placement.Latency(task.SourceRegion, c.Region)))
                .Where(x => !double.IsNaN(x.Latency) && x.Latency <= placement.MaxLatencyMs)
                .OrderBy(x => x.Latency)
                .ThenBy(x => x.Connector.Load)
                .ThenBy(x => x.Connector.Id, StringComparer.Ordinal)
                .FirstOrDefault();
            if (best.Connector is null)
            {
                unassigned.Add(new UnassignedTask(task.MigrationId, FormattableString.Invariant($"no active connector with a free slot within {placement.MaxLatencyMs:0} ms of {task.SourceRegion}")));
                continue;
            }

            var updated = best.Connector with { AssignedTasks = [.. best.Connector.AssignedTasks, task.MigrationId] };
            fleet[updated.Id] = updated;
            assignments.Add(new TaskAssignment(task.MigrationId, updated.Id, updated.Region, best.Latency));
        }

        return new TaskAssignmentResult(assignments, unassigned, [.. fleet.Values.OrderBy(c => c.Id, StringComparer.Ordinal)]);
    }
}
