using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PredictiveMigration.Sandbox.TriggerHost;

/// <summary>
/// Finds the app's functions the way the Functions host does: one sub-folder per function holding a
/// <c>function.json</c>. The folder can be written by the app itself (<see cref="EmitAsync"/> runs
/// <c>&lt;app&gt; emit-function-json &lt;dir&gt;</c>), so the trigger host needs no compile-time knowledge of the app.
/// </summary>
public static class FunctionMetadataLoader
{
    /// <summary>Reads every <c>&lt;dir&gt;/&lt;Function&gt;/function.json</c>, sorted by name.</summary>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="FormatException">A function.json is malformed; the message names the function and the field.</exception>
    public static IReadOnlyList<FunctionMetadata> Load(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"functions directory '{directory}' does not exist");
        }

        var functions = new List<FunctionMetadata>();
        foreach (var folder in Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal))
        {
            var path = Path.Combine(folder, "function.json");
            if (File.Exists(path))
            {
                functions.Add(Parse(Path.GetFileName(folder), File.ReadAllText(path)));
            }
        }

        return functions;
    }

    /// <summary>Parses one function.json text.</summary>
    public static FunctionMetadata Parse(string name, string json)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json)?.AsObject() ?? throw new FormatException($"{name}/function.json is empty");
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw new FormatException($"{name}/function.json is not a JSON object: {ex.Message}", ex);
        }

        if (root["bindings"] is not JsonArray array)
        {
            throw new FormatException($"{name}/function.json: bindings must be an array");
        }

        var bindings = new List<JsonObject>();
        foreach (var item in array)
        {
            if (item is not JsonObject binding || string.IsNullOrEmpty((string?)binding["type"]) || string.IsNullOrEmpty((string?)binding["name"]))
            {
                throw new FormatException($"{name}/function.json: every binding needs a type and a name");
            }

            bindings.Add(binding);
        }

        var triggers = bindings.Count(b => FunctionMetadata.BindingType(b).EndsWith("Trigger", StringComparison.OrdinalIgnoreCase));
        if (triggers != 1)
        {
            throw new FormatException($"{name}/function.json: bindings must hold exactly one trigger (found {triggers})");
        }

        var retry = root["retry"] is JsonObject r ? RetryPolicy.Parse(r, name) : null;
        return new FunctionMetadata(name, bindings, retry);
    }

    /// <summary>
    /// Runs <c>&lt;app&gt; emit-function-json &lt;directory&gt;</c> and loads the result. <paramref name="appPath"/> is the
    /// app's executable or its <c>.dll</c> (run with <c>dotnet</c>).
    /// </summary>
    public static async Task<IReadOnlyList<FunctionMetadata>> EmitAsync(string appPath, string directory, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(appPath);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var isDll = appPath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var start = new ProcessStartInfo(isDll ? "dotnet" : appPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (isDll)
        {
            start.ArgumentList.Add(appPath);
        }

        start.ArgumentList.Add("emit-function-json");
        start.ArgumentList.Add(directory);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start '{appPath}'");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{appPath} emit-function-json' exited with {process.ExitCode}: {await stderr.ConfigureAwait(false)}{await stdout.ConfigureAwait(false)}");
        }

        return Load(directory);
    }
}
