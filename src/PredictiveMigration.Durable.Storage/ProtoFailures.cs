using PredictiveMigration.Durable.Protobuf;
using PredictiveMigration.Durable.Replay;

namespace PredictiveMigration.Durable.Storage;

/// <summary>Reads protobuf <see cref="TaskFailureDetails"/> as <see cref="TaskFailureInfo"/>, keeping "no failure" as null.</summary>
internal static class ProtoFailures
{
    /// <summary>The model form; <see langword="null"/> stays <see langword="null"/> (the executor's converter does the rest).</summary>
    /// <param name="details">The protobuf failure details.</param>
    public static TaskFailureInfo? ToInfo(TaskFailureDetails? details) =>
        details is null ? null : FailureDetailsConverter.FromProto(details);
}
