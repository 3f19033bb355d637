namespace PredictiveMigration.Domain.Alerts;

/// <summary>One name/value line shown under an alert, e.g. <c>Risk score</c> = <c>92</c>.</summary>
public sealed record AlertFact(string Name, string Value);
