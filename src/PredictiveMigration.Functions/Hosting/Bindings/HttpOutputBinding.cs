using System.Text.Json;

namespace PredictiveMigration.Functions.Hosting.Bindings;

/// <summary>The HTTP response of an HTTP-triggered function.</summary>
public sealed record HttpOutputBinding(string Name = "res") : BindingDeclaration(Name)
{
    public override string Type => "http";

    public override string Direction => "out";

    protected override void WriteProperties(Utf8JsonWriter writer)
    {
    }
}
