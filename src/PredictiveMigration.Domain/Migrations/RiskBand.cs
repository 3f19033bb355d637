namespace PredictiveMigration.Domain.Migrations;

/// <summary>An inclusive range of risk scores.</summary>
public sealed record RiskBand(int Min, int Max)
{
    public bool Contains(int score) => score >= Min && score <= Max;
}
