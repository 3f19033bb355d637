namespace PredictiveMigration.Durable.Storage.Backend;

/// <summary>An episode ready to commit: the instance row after it, and the history row it adds.</summary>
/// <param name="State">The new instance row (its ETag is not used; the commit uses the one read).</param>
/// <param name="Record">The history row.</param>
/// <param name="ActionCount">How many actions the orchestrator returned.</param>
internal sealed record PreparedEpisode(InstanceRecord State, EpisodeRecord Record, int ActionCount);
