using PredictiveMigration.Durable.Protobuf;

namespace PredictiveMigration.Durable.Storage;

/// <summary>Converts between the protobuf <see cref="TaskFailureDetails"/> and <see cref="TaskFailureInfo"/>.</summary>
internal static class ProtoFailures
{
    /// <summary>The model form; <see langword="null"/> stays <see langword="null"/>.</summary>
    /// <param name="details">The protobuf failure details.</param>
    public static TaskFailureInfo? ToInfo(TaskFailureDetails? details) =>
        details is null
            ? null
            : new TaskFailureInfo(details.ErrorType, details.ErrorMessage, details.StackTrace, ToInfo(details.InnerFailure), details.IsNonRetriable);

    /// <summary>The protobuf form.</summary>
    /// <param name="info">The failure.</param>
    public static TaskFailureDetails ToProto(TaskFailureInfo info)
    {
        var details = new TaskFailureDetails
        {
            ErrorType = info.ErrorType,
            ErrorMessage = info.ErrorMessage,
            StackTrace = info.StackTrace,
            IsNonRetriable = info.IsNonRetriable,
        };
        if (info.InnerFailure is not null)
        {
            details.InnerFailure = ToProto(info.InnerFailure);
        }

        return details;
    }
}
