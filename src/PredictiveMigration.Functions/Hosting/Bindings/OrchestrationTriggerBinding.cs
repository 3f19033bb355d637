using System.Text.Json;

namespace PredictiveMigration.Functions.Hosting.Bindings;

/// <summary>
/// A Durable orchestrator function's trigger: <c>{"name":"context","type":"orchestrationTrigger","direction":"in"}</c>.
/// No <c>$return</c> binding goes with it: the host would then run its base64 trap on the return value
/// (PROTOCOL.md §3.2), and the answer's ReturnValue is passed to the trigger anyway.
/// </summary>
public sealed record OrchestrationTriggerBinding(string Name = "context") : BindingDeclaration(Name)
{
    public override string Type => "orchestrationTrigger";

    public override string Direction => "in";

    protected override void WriteProperties(Utf8JsonWriter writer)
    {
    }
}
