namespace PredictiveMigration.Agent.Spooling;

/// <summary>One spooled batch: its file, the sequence numbers of its first and last event, its event count and size.</summary>
public sealed record SpoolEntry(string Path, long FirstSequence, long LastSequence, int Count, long Bytes)
{
    public string FileName => System.IO.Path.GetFileName(Path);
}
