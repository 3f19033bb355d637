using System.Text.Json;
using System.Text.Json.Nodes;

namespace PredictiveMigration.Sandbox.Cloud;

/// <summary>
/// Every resource and operation of the sandbox cloud, keyed by lower-case resource id (ARM ids are case-insensitive).
/// Persisted to <see cref="CloudOptions.StatePath"/> after each change (write to a temp file, then rename), so a
/// restart of the cloud keeps its resources and its operations in flight.
/// </summary>
public sealed class CloudState
{
    private readonly Lock _gate = new();
    private readonly string? _path;
    private readonly Dictionary<string, JsonObject> _resources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CloudOperation> _operations = new(StringComparer.Ordinal);

    public CloudState(string? path)
    {
        _path = path;
        if (path is not null && File.Exists(path))
        {
            var saved = JsonSerializer.Deserialize<Saved>(File.ReadAllText(path)) ?? new Saved();
            foreach (var (key, json) in saved.Resources)
            {
                _resources[key] = JsonNode.Parse(json)!.AsObject();
            }

            foreach (var op in saved.Operations)
            {
                _operations[op.Id] = op;
            }
        }
    }

    /// <summary>Reads or changes state under the lock; a change is saved before the lock is released.</summary>
    public T Use<T>(Func<Dictionary<string, JsonObject>, Dictionary<string, CloudOperation>, T> use, bool save)
    {
        lock (_gate)
        {
            var result = use(_resources, _operations);
            if (save)
            {
                Save();
            }

            return result;
        }
    }

    private void Save()
    {
        if (_path is null)
        {
            return;
        }

        var saved = new Saved
        {
            Resources = _resources.ToDictionary(r => r.Key, r => r.Value.ToJsonString()),
            Operations = [.. _operations.Values],
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_path))!);
        var temp = _path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(saved));
        File.Move(temp, _path, overwrite: true);
    }

    private sealed class Saved
    {
        public Dictionary<string, string> Resources { get; set; } = [];

        public List<CloudOperation> Operations { get; set; } = [];
    }
}
