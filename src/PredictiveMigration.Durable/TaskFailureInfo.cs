namespace PredictiveMigration.Durable;

/// <summary>Why a task (activity or sub-orchestration) failed, as recorded in the orchestration history.</summary>
/// <param name="ErrorType">The failure's type: for .NET code the exception type's full name.</param>
/// <param name="ErrorMessage">The failure message.</param>
/// <param name="StackTrace">The stack trace, when one was recorded.</param>
/// <param name="InnerFailure">The cause, when one was recorded.</param>
/// <param name="IsNonRetriable">Set by the producer when retrying cannot help.</param>
public sealed record TaskFailureInfo(
    string ErrorType,
    string ErrorMessage,
    string? StackTrace = null,
    TaskFailureInfo? InnerFailure = null,
    bool IsNonRetriable = false)
{
    /// <summary>
    /// Whether the failure was caused by an exception of type <typeparamref name="TException"/> (or a type derived
    /// from it, when the recorded type can be loaded in this process).
    /// </summary>
    /// <typeparam name="TException">The exception type.</typeparam>
    public bool IsCausedBy<TException>()
        where TException : Exception
    {
        if (string.Equals(ErrorType, typeof(TException).FullName, StringComparison.Ordinal))
        {
            return true;
        }

        Type? recorded = Type.GetType(ErrorType, throwOnError: false);
        return recorded is not null && typeof(TException).IsAssignableFrom(recorded);
    }
}
