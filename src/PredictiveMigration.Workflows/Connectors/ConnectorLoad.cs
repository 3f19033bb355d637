using PredictiveMigration.Domain.Connectors;
using PredictiveMigration.Domain.Migrations;

namespace PredictiveMigration.Workflows.Connectors;

/// <summary>
/// Which migrations connectors must carry, as load items: scheduled, awaiting approval and running migrations still
/// before or in replication (probability 1), and open candidates (predicted, probability = risk score ÷ 100).
/// </summary>
public static class ConnectorLoad
{
    /// <summary>Whether a migration still needs connector bandwidth (its copy has not finished).</summary>
    public static bool Carries(MigrationRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return !record.Decision.DryRun && record.Status switch
        {
            MigrationStatus.Scheduled or MigrationStatus.AwaitingApproval => true,
            MigrationStatus.Running => record.Step <= MigrationStep.Replicate,
            _ => false,
        };
    }

    /// <summary>
    /// The bytes a migration of <paramref name="source"/> copies: its disk size when the server directory knew it
    /// (<see cref="MigrationSource.DiskBytes"/>), else <paramref name="defaultBytes"/>.
    /// </summary>
    public static long DataBytes(MigrationSource source, long defaultBytes)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.DiskBytes is { } bytes && bytes > 0 ? bytes : defaultBytes;
    }

    /// <summary>A decided migration: it starts at its maintenance window (or now) and must be copied by its deadline.</summary>
    public static MigrationLoadItem FromMigration(MigrationRecord record, long dataBytes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        var d = record.Decision;
        var start = d.NotBefore is { } notBefore && notBefore > now ? notBefore : now;
        return new MigrationLoadItem(d.MigrationId, d.Source.Region, dataBytes, start, d.Deadline ?? DateTimeOffset.MaxValue, 1);
    }

    /// <summary>
    /// A predicted migration: it may start now and must be done before the earliest predicted exhaustion (the expected
    /// one when no earlier bound is known).
    /// </summary>
    public static MigrationLoadItem FromCandidate(MigrationCandidate candidate, string sourceRegion, long dataBytes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var exhaustion = candidate.EarliestTimeToExhaustion ?? candidate.ExpectedTimeToExhaustion;
        var deadline = exhaustion is { } e ? candidate.DetectedAt + e : DateTimeOffset.MaxValue;
        return new MigrationLoadItem("candidate-" + candidate.ServerId, sourceRegion, dataBytes, now, deadline, Math.Clamp(candidate.RiskScore / 100.0, 0.01, 1));
    }
}
