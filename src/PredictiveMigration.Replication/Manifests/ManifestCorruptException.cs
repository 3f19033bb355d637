namespace PredictiveMigration.Replication.Manifests;

/// <summary>A persisted manifest failed its checks (magic, version, length or checksum). The message names the file
/// and what failed; the migration's replication state must be discarded (<c>StopAsync</c>) and started again from cycle 0.</summary>
public sealed class ManifestCorruptException : Exception
{
    public ManifestCorruptException(string path, string problem)
        : base($"replication manifest '{path}' is corrupt: {problem}. Stop the migration's replication (which deletes its state) and start again from cycle 0.")
    {
        Path = path;
        Problem = problem;
    }

    public ManifestCorruptException()
    {
        Path = string.Empty;
        Problem = string.Empty;
    }

    public ManifestCorruptException(string message)
        : base(message)
    {
        Path = string.Empty;
        Problem = message;
    }

    public ManifestCorruptException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = string.Empty;
        Problem = message;
    }

    /// <summary>The manifest file.</summary>
    public string Path { get; }

    /// <summary>What failed, e.g. "checksum mismatch".</summary>
    public string Problem { get; }
}
