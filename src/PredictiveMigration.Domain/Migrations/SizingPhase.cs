namespace PredictiveMigration.Domain.Migrations;

/// <summary>A target size from a time on: the target starts at the first phase and grows along the predicted profile.</summary>
/// <param name="At">From when (orchestration time) this size is needed.</param>
/// <param name="Size">The VM size.</param>
/// <param name="Cores">Its vCPUs (what is reserved).</param>
public sealed record SizingPhase(DateTimeOffset At, string Size, int Cores);
