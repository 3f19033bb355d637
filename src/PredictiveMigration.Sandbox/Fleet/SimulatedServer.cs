namespace PredictiveMigration.Sandbox.Fleet;

/// <summary>One server of the simulated fleet: its id, its noise stream, its workload and the VM size it starts on.</summary>
public sealed record SimulatedServer(string ServerId, int Index, IWorkload Workload, string InitialSize)
{
    public WorkloadKind Kind => Workload.Kind;
}
