using System.Text.Json;

namespace PredictiveMigration.Functions.Hosting.Bindings;

/// <summary>
/// The Durable client input: <c>{"name":"starter","type":"durableClient","direction":"in"}</c>, optionally with a
/// <c>taskHub</c> and a <c>connectionName</c>. Its value (<c>Data.starter</c>, double-encoded) carries the
/// extension's gRPC address (PROTOCOL.md §3.4). A function with this input always gets the JSON envelope, never a
/// forwarded HTTP request (§1.4).
/// </summary>
public sealed record DurableClientBinding(string Name = "starter", string? TaskHub = null, string? ConnectionName = null) : BindingDeclaration(Name)
{
    public override string Type => "durableClient";

    public override string Direction => "in";

    protected override void WriteProperties(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (TaskHub is not null)
        {
            writer.WriteString("taskHub", TaskHub);
        }

        if (ConnectionName is not null)
        {
            writer.WriteString("connectionName", ConnectionName);
        }
    }
}
