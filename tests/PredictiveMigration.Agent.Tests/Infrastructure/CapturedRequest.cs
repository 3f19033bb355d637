namespace PredictiveMigration.Agent.Tests.Infrastructure;

/// <summary>One request seen by <see cref="CapturingHandler"/>.</summary>
public sealed record CapturedRequest(HttpMethod Method, Uri Uri, string? ContentType, string? Authorization, string? ApiKey, byte[] Body);
