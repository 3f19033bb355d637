namespace PredictiveMigration.Functions.Hosting;

/// <summary>Writes <c>&lt;dir&gt;/&lt;Function&gt;/function.json</c> for every declared function (used by <c>pm functions emit</c> and by the package build).</summary>
public static class FunctionJsonEmitter
{
    /// <summary>Returns the number of functions written.</summary>
    public static int Emit(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        foreach (var function in FunctionCatalog.All)
        {
            var folder = Path.Combine(directory, function.Name);
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "function.json"), function.ToFunctionJson());
        }

        return FunctionCatalog.All.Count;
    }
}
