using System.Text.Json;

namespace PredictiveMigration.Functions.Hosting.Bindings;

/// <summary>
/// An Event Hubs trigger receiving batches (<c>cardinality: many</c>) as strings (<c>dataType: string</c>): without the
/// data type the host JSON-deserializes every body and one non-JSON event fails the whole batch (PROTOCOL.md §2.2).
/// </summary>
public sealed record EventHubTriggerBinding(string Name, string EventHubName, string Connection, string ConsumerGroup) : BindingDeclaration(Name)
{
    public override string Type => "eventHubTrigger";

    public override string Direction => "in";

    protected override void WriteProperties(Utf8JsonWriter writer)
    {
        writer.WriteString("eventHubName", EventHubName);
        writer.WriteString("connection", Connection);
        writer.WriteString("consumerGroup", ConsumerGroup);
        writer.WriteString("cardinality", "many");
        writer.WriteString("dataType", "string");
    }
}
