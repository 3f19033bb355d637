namespace PredictiveMigration.Sandbox.TriggerHost;

/// <summary>The answer to one invocation: the status (0 when the app could not be reached), the body, and the error when it failed.</summary>
public sealed record InvocationOutcome(int StatusCode, string Body, string? Error)
{
    public bool Succeeded => Error is null;
}
