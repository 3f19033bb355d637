namespace PredictiveMigration.Cli;

/// <summary>A mistake in how the command was called; printed without a stack trace, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
