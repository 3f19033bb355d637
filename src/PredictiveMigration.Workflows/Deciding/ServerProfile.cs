using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Domain.Placement;

namespace PredictiveMigration.Workflows.Deciding;

/// <summary>What the controller needs to know about a server: the source (VM, disk, traffic) and how to place it (region, cost, users, SLA, current use).</summary>
/// <param name="Source">The source.</param>
/// <param name="Placement">The placement request; its demand is what the server uses now (the floor of every sizing phase).</param>
public sealed record ServerProfile(MigrationSource Source, PlacementRequest Placement);
