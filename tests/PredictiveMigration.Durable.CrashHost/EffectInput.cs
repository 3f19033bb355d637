namespace PredictiveMigration.Durable.CrashHost;

/// <summary>The crash workload's activity input.</summary>
public sealed record EffectInput(int Step, int Value);
