using System.Text.Json;

namespace PredictiveMigration.Forecasting.Persistence;

/// <summary>
/// <see cref="IModelStore"/> on a directory: <c>&lt;root&gt;/&lt;name&gt;/&lt;version&gt;/model.bin</c> and <c>meta.json</c>,
/// and <c>&lt;root&gt;/&lt;name&gt;/current</c> holding the promoted version.
/// </summary>
public sealed class FileSystemModelStore(string root) : IModelStore
{
    public string Root { get; } = root ?? throw new ArgumentNullException(nameof(root));

    public async Task SaveAsync(ModelArtifact artifact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        var dir = Path.Combine(Root, Safe(artifact.Name), Safe(artifact.Version));
        Directory.CreateDirectory(dir);
        await File.WriteAllBytesAsync(Path.Combine(dir, "model.bin"), artifact.Payload.ToArray(), cancellationToken).ConfigureAwait(false);
        var meta = new Meta(artifact.Name, artifact.Version, artifact.TrainedFrom, artifact.TrainedTo, artifact.Scores.ToDictionary(kv => kv.Key, kv => kv.Value));
        await File.WriteAllTextAsync(Path.Combine(dir, "meta.json"), JsonSerializer.Serialize(meta), cancellationToken).ConfigureAwait(false);
    }

    public async Task<ModelArtifact?> LoadAsync(string name, string? version, CancellationToken cancellationToken)
    {
        version ??= await CurrentAsync(name, cancellationToken).ConfigureAwait(false);
        if (version is null)
        {
            return null;
        }

        var dir = Path.Combine(Root, Safe(name), Safe(version));
        if (!File.Exists(Path.Combine(dir, "meta.json")))
        {
            return null;
        }

        var meta = JsonSerializer.Deserialize<Meta>(await File.ReadAllTextAsync(Path.Combine(dir, "meta.json"), cancellationToken).ConfigureAwait(false))
            ?? throw new InvalidDataException($"model {name}/{version}: meta.json is empty");
        var payload = await File.ReadAllBytesAsync(Path.Combine(dir, "model.bin"), cancellationToken).ConfigureAwait(false);
        return new ModelArtifact(meta.Name, meta.Version, meta.TrainedFrom, meta.TrainedTo, meta.Scores, payload);
    }

    public async Task<bool> PromoteIfBetterAsync(string name, string version, string scoreKey, CancellationToken cancellationToken)
    {
        var candidate = await LoadAsync(name, version, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"model {name}/{version} is not saved");
        if (!candidate.Scores.TryGetValue(scoreKey, out var score))
        {
            throw new InvalidOperationException($"model {name}/{version} has no score '{scoreKey}'");
        }

        var current = await LoadAsync(name, null, cancellationToken).ConfigureAwait(false);
        if (current is not null && current.Scores.TryGetValue(scoreKey, out var incumbent) && incumbent <= score)
        {
            return false;
        }

        var path = Path.Combine(Root, Safe(name), "current");
        var temp = path + ".tmp";
        await File.WriteAllTextAsync(temp, version, cancellationToken).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
        return true;
    }

    private async Task<string?> CurrentAsync(string name, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Root, Safe(name), "current");
        return File.Exists(path) ? (await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)).Trim() : null;
    }

    private static string Safe(string part) =>
        part.Length > 0 && part.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.') && part != "." && part != ".."
            ? part
            : throw new ArgumentException($"'{part}' is not a valid model name or version (letters, digits, '-', '_', '.')", nameof(part));

    private sealed record Meta(string Name, string Version, DateTimeOffset TrainedFrom, DateTimeOffset TrainedTo, Dictionary<string, double> Scores);
}
