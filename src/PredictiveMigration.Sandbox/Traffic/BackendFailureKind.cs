using System.Text.Json.Serialization;

namespace PredictiveMigration.Sandbox.Traffic;

/// <summary>How a <see cref="SandboxBackend"/> fails the requests it is told to fail.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BackendFailureKind>))]
public enum BackendFailureKind
{
    /// <summary>Answer 500 Internal Server Error.</summary>
    Status500,

    /// <summary>Drop the connection without an answer (a crash or a network fault as the caller sees it).</summary>
    Abort,
}
