using System.Text.Json;

namespace PredictiveMigration.Functions.Hosting.Bindings;

/// <summary>An HTTP trigger. <paramref name="Route"/> is relative to the host's route prefix (<c>api</c>).</summary>
public sealed record HttpTriggerBinding(string Name, string Route, IReadOnlyList<string> Methods, string AuthLevel = "function") : BindingDeclaration(Name)
{
    public override string Type => "httpTrigger";

    public override string Direction => "in";

    protected override void WriteProperties(Utf8JsonWriter writer)
    {
        writer.WriteString("authLevel", AuthLevel);
        writer.WriteString("route", Route);
        writer.WriteStartArray("methods");
        foreach (var method in Methods)
        {
            writer.WriteStringValue(method.ToLowerInvariant());
        }

        writer.WriteEndArray();
    }
}
