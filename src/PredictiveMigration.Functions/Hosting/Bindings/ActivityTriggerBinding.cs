using System.Text.Json;

namespace PredictiveMigration.Functions.Hosting.Bindings;

/// <summary>
/// A Durable activity function's trigger: <c>{"name":"input","type":"activityTrigger","direction":"in"}</c>. No
/// <c>$return</c> binding: the ReturnValue becomes the task result (PROTOCOL.md §3.3).
/// </summary>
public sealed record ActivityTriggerBinding(string Name = "input") : BindingDeclaration(Name)
{
    public override string Type => "activityTrigger";

    public override string Direction => "in";

    protected override void WriteProperties(Utf8JsonWriter writer)
    {
    }
}
