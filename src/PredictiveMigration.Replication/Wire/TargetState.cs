namespace PredictiveMigration.Replication.Wire;

/// <summary>What the sender knows the target holds, per block of the new image: the previous cycle's manifest,
/// overlaid with blocks already applied by an interrupted attempt of this cycle. Updated as frames are written.</summary>
internal sealed class TargetState
{
    public TargetState(int blockCount)
    {
        Hash = new UInt128[blockCount];
        Known = new bool[blockCount];
    }

    public UInt128[] Hash { get; }

    public bool[] Known { get; }

    public void Set(int index, UInt128 hash)
    {
        Hash[index] = hash;
        Known[index] = true;
    }

    public bool Holds(int index, UInt128 hash) => Known[index] && Hash[index] == hash;
}
