namespace PredictiveMigration.Sandbox.Azurite;

/// <summary>Finds the repository root (the folder holding <c>PredictiveMigration.sln</c>) from the running binary or the working directory.</summary>
public static class RepositoryRoot
{
    public static string? Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PredictiveMigration.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }
}
