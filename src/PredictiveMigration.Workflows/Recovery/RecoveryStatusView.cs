namespace PredictiveMigration.Workflows.Recovery;

/// <summary>The recovery plan's custom status.</summary>
public sealed record RecoveryStatusView(string PlanId, string FailedRegion, int Total, int Started, int Finished, int Completed, IReadOnlyList<string> Running);
