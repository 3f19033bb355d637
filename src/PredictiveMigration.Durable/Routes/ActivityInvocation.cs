namespace PredictiveMigration.Durable.Routes;

/// <summary>A decoded activity request.</summary>
/// <param name="InputJson">The JSON text of the input; <see langword="null"/> when there is none.</param>
/// <param name="InstanceId">The calling orchestration's instance id; empty when the host did not send it.</param>
public sealed record ActivityInvocation(string? InputJson, string InstanceId);
