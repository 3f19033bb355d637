namespace PredictiveMigration.Domain.Forecasting;

/// <summary>One reason behind a risk score, in operator words, e.g. "memory forecast p90 reaches 97 % in 40 min; trend +8 %/h".</summary>
public sealed record RiskReason(RiskReasonCode Code, ResourceKind? Resource, string Text);
