namespace PredictiveMigration.Agent.Sending;

/// <summary>One Event Hubs REST request body, holding the batch's events <see cref="Start"/> to <see cref="Start"/> + <see cref="Count"/> - 1.</summary>
public sealed record EventHubsRequest(int Start, int Count, ReadOnlyMemory<byte> Body);
