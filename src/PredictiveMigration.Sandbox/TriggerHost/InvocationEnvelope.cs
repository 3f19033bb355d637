using System.Text.Json.Nodes;

namespace PredictiveMigration.Sandbox.TriggerHost;

/// <summary>
/// Builds the custom-handler request body <c>{"Data":{…},"Metadata":{…}}</c> (PROTOCOL.md §1.2): the trigger value
/// under its binding name in <c>Data</c>, binding data in <c>Metadata</c> (keys ending in "trigger" left out), always
/// with <c>sys</c> = <c>{MethodName, UtcNow, RandGuid}</c> and, when a retry policy is active, <c>RetryContext</c>.
/// </summary>
public sealed class InvocationEnvelope
{
    private readonly JsonObject _data = [];
    private readonly JsonObject _metadata = [];

    public InvocationEnvelope(string functionName, DateTimeOffset utcNow, Guid randGuid)
    {
        _metadata["sys"] = new JsonObject
        {
            ["MethodName"] = functionName,
            ["UtcNow"] = HostJson.Date(utcNow),
            ["RandGuid"] = randGuid.ToString(),
        };
    }

    /// <summary>Sets <c>Data.{name}</c> to an already-encoded node (an object, or a string per §0).</summary>
    public InvocationEnvelope Data(string name, JsonNode? value)
    {
        _data[name] = value;
        return this;
    }

    /// <summary>Sets <c>Metadata.{key}</c>, unless the key ends with "trigger" (the host skips those).</summary>
    public InvocationEnvelope Metadata(string key, JsonNode? value)
    {
        if (!key.EndsWith("trigger", StringComparison.OrdinalIgnoreCase))
        {
            _metadata[key] = value;
        }

        return this;
    }

    /// <summary>Adds <c>RetryContext</c> = <c>{MaxRetryCount, RetryCount, Exception}</c>.</summary>
    public InvocationEnvelope RetryContext(RetryPolicy? policy, int retryCount, string? lastError)
    {
        if (policy is null)
        {
            return this;
        }

        _metadata["RetryContext"] = new JsonObject
        {
            ["MaxRetryCount"] = policy.MaxRetryCount,
            ["RetryCount"] = retryCount,
            ["Exception"] = lastError is null ? null : new JsonObject { ["Message"] = lastError, ["ClassName"] = "System.Net.Http.HttpRequestException" },
        };
        return this;
    }

    public string ToJson() => new JsonObject { ["Data"] = _data.DeepClone(), ["Metadata"] = _metadata.DeepClone() }.ToJsonString(HostJson.Options);
}
