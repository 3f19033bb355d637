namespace PredictiveMigration.Sandbox.Tests.TriggerHost;

/// <summary>A temporary folder of <c>&lt;Function&gt;/function.json</c> files.</summary>
internal sealed class FunctionsFolder : IDisposable
{
    public FunctionsFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pm-functions-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public FunctionsFolder Add(string name, string functionJson)
    {
        var folder = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(System.IO.Path.Combine(folder, "function.json"), functionJson);
        return this;
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
