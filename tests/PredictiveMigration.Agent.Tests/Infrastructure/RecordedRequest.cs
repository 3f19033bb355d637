namespace PredictiveMigration.Agent.Tests.Infrastructure;

/// <summary>What <see cref="TestListener"/> saw of one request.</summary>
public sealed record RecordedRequest(string? ContentType, string ApiKey, IReadOnlyList<long> Sequences);
