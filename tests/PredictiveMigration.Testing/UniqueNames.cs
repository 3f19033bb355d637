namespace PredictiveMigration.Testing;

/// <summary>Unique table/queue/container names so tests never share state (STYLE.md §10).</summary>
public static class UniqueNames
{
    /// <summary>A valid table name: the prefix plus 12 random letters and digits.</summary>
    public static string Table(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];
}
