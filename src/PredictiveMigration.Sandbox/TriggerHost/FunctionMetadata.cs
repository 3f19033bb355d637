using System.Text.Json.Nodes;

namespace PredictiveMigration.Sandbox.TriggerHost;

/// <summary>
/// One function as the trigger host sees it: the folder name (the path it POSTs invocations to), the bindings of its
/// <c>function.json</c> and its retry policy. Read generically, like the real host: no reference to the app's code.
/// </summary>
public sealed record FunctionMetadata(string Name, IReadOnlyList<JsonObject> Bindings, RetryPolicy? Retry)
{
    /// <summary>The trigger binding (the one binding whose type ends with "Trigger").</summary>
    public JsonObject Trigger => Bindings.Single(b => BindingType(b).EndsWith("Trigger", StringComparison.OrdinalIgnoreCase));

    /// <summary>The trigger's type, e.g. <c>timerTrigger</c>.</summary>
    public string TriggerType => BindingType(Trigger);

    /// <summary>The trigger's binding name: the key of the trigger value in the invocation's <c>Data</c>.</summary>
    public string TriggerName => (string?)Trigger["name"] ?? throw new InvalidOperationException($"{Name}/function.json: the trigger has no 'name'");

    /// <summary>A string property of the trigger binding, or null.</summary>
    public string? TriggerProperty(string name) => Trigger[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>True for Durable functions (orchestrator, activity, entity), which the development backend drives.</summary>
    public bool IsDurable => TriggerType is "orchestrationTrigger" or "activityTrigger" or "entityTrigger";

    internal static string BindingType(JsonObject binding) => (string?)binding["type"] ?? string.Empty;
}
