using PredictiveMigration.Domain.Migrations;

namespace PredictiveMigration.Sandbox.Tests.Traffic;

/// <summary>How a progressive shift ended: completed, or rolled back at <see cref="Percent"/> for <see cref="Reason"/>.</summary>
internal sealed record ShiftOutcome(bool Completed, int Percent, string? Reason, IReadOnlyList<EndpointHealthSample> Samples)
{
    /// <summary>Stopwatch timestamp at which the rollback weights were in force (0 when none).</summary>
    public long RolledBackAt { get; init; }
}
