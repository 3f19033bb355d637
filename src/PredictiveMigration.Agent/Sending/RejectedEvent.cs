namespace PredictiveMigration.Agent.Sending;

/// <summary>One entry of the ingestion endpoint's <c>rejected</c> list: the event's index in the batch and why.</summary>
public sealed record RejectedEvent(int Index, string? Reason, string? Field, string? Message);
