namespace PredictiveMigration.Sandbox.Fleet;

/// <summary>A resource of a server held at or above its threshold for k consecutive samples (one event per run).</summary>
/// <param name="Resource"><c>cpu</c> or <c>memory</c>.</param>
/// <param name="Start">The first sample of the run.</param>
/// <param name="End">The first sample back below the threshold, or null while it lasts.</param>
public sealed record ExhaustionEvent(string ServerId, string Resource, DateTimeOffset Start, DateTimeOffset? End, int Samples);

/// <summary>A server going down: <c>hardware</c> (a scheduled failure, with precursors) or <c>out-of-memory</c>.</summary>
public sealed record FailureEvent(string ServerId, DateTimeOffset At, string Reason, string VmId);

/// <summary>A server's load over a run (percent of its capacity at each sample).</summary>
public sealed record ServerLoad(string ServerId, WorkloadKind Kind, int Samples, int DownSamples, double MeanCpuPercent, double MaxCpuPercent, double MeanMemoryPercent, double MaxMemoryPercent, int ExhaustedSamples);

/// <summary>What happened in a run of the simulator: the ground truth a report compares forecasts and decisions with.</summary>
public sealed record FleetRunResult(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<ExhaustionEvent> ExhaustionEvents, IReadOnlyList<FailureEvent> Failures, IReadOnlyList<ServerLoad> Loads);
