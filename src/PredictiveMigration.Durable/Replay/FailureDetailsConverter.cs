using PredictiveMigration.Durable.Protobuf;

namespace PredictiveMigration.Durable.Replay;

/// <summary>Converts between exceptions, <see cref="TaskFailureInfo"/> and the protobuf <see cref="TaskFailureDetails"/>.</summary>
internal static class FailureDetailsConverter
{
    /// <summary>The failure details an orchestration (or activity) reports for <paramref name="exception"/>.</summary>
    /// <param name="exception">The exception.</param>
    /// <param name="includeStackTrace">Whether to record the stack trace.</param>
    public static TaskFailureInfo ToInfo(Exception exception, bool includeStackTrace)
    {
        ArgumentNullException.ThrowIfNull(exception);
        TaskFailureInfo? inner = exception switch
        {
            // A task failure keeps the original failure verbatim as its cause (what Microsoft's SDK reports).
            TaskFailedException failed => failed.FailureDetails,
            _ when exception.InnerException is not null => ToInfo(exception.InnerException, includeStackTrace),
            _ => null,
        };
        return new TaskFailureInfo(
            ErrorTypeOf(exception),
            exception.Message,
            includeStackTrace ? exception.StackTrace : null,
            inner);
    }

    /// <summary>The protobuf form.</summary>
    /// <param name="info">The failure.</param>
    public static TaskFailureDetails ToProto(TaskFailureInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
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

    /// <summary>The model form; a missing message becomes an empty one.</summary>
    /// <param name="details">The protobuf failure details (may be absent in a malformed history).</param>
    public static TaskFailureInfo FromProto(TaskFailureDetails? details) =>
        details is null
            ? new TaskFailureInfo("Unknown", "The task failed without failure details.")
            : new TaskFailureInfo(
                details.ErrorType,
                details.ErrorMessage,
                details.StackTrace,
                details.InnerFailure is null ? null : FromProto(details.InnerFailure),
                details.IsNonRetriable);

    private static string ErrorTypeOf(Exception exception) => exception is NonDeterministicOrchestrationException
        ? NonDeterministicOrchestrationException.ErrorType
        : exception.GetType().FullName ?? exception.GetType().Name;
}
