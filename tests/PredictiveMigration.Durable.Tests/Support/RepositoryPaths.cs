namespace PredictiveMigration.Durable.Tests.Support;

/// <summary>Finds folders relative to the repository by walking up from the test's base directory.</summary>
internal static class RepositoryPaths
{
    public const string VectorsEnvironmentVariable = "PM_DURABLE_VECTORS";

    /// <summary>
    /// The golden vectors: <c>PM_DURABLE_VECTORS</c> if set, else the first <c>shared/durable-vectors</c> found
    /// walking up from the base directory (the repository sits at <c>../shared</c>'s sibling).
    /// </summary>
    public static string? FindVectorsDirectory()
    {
        string? overridden = Environment.GetEnvironmentVariable(VectorsEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(overridden))
        {
            return Directory.Exists(overridden) ? overridden : null;
        }

        return WalkUp(Path.Combine("shared", "durable-vectors"));
    }

    /// <summary>The Durable project's source folder.</summary>
    public static string FindDurableSourceDirectory() =>
        WalkUp(Path.Combine("src", "PredictiveMigration.Durable"))
        ?? throw new DirectoryNotFoundException("src/PredictiveMigration.Durable was not found above " + AppContext.BaseDirectory);

    private static string? WalkUp(string relative)
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, relative);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
