using System.Text.Json;

namespace PredictiveMigration.Functions.Hosting.Bindings;

/// <summary>One binding of a function, as it appears in <c>function.json</c>.</summary>
public abstract record BindingDeclaration(string Name)
{
    /// <summary>The binding <c>type</c> (e.g. <c>eventHubTrigger</c>).</summary>
    public abstract string Type { get; }

    /// <summary><c>in</c> or <c>out</c>.</summary>
    public abstract string Direction { get; }

    public bool IsTrigger => Type.EndsWith("Trigger", StringComparison.Ordinal);

    /// <summary>Writes the whole binding object.</summary>
    public void Write(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("name", Name);
        writer.WriteString("type", Type);
        writer.WriteString("direction", Direction);
        WriteProperties(writer);
        writer.WriteEndObject();
    }

    /// <summary>Writes the type-specific properties.</summary>
    protected abstract void WriteProperties(Utf8JsonWriter writer);
}
