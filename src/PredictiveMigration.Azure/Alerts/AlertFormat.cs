namespace PredictiveMigration.Azure.Alerts;

/// <summary>The payload shape a subscription's receiver expects.</summary>
public enum AlertFormat
{
    /// <summary>Our documented JSON schema (docs/alerts.md), versioned, optionally HMAC-signed.</summary>
    Generic = 0,

    /// <summary>A Microsoft Teams message with an Adaptive Card, as Teams Workflows incoming webhooks accept.</summary>
    Teams = 1,

    /// <summary>A Slack message with <c>text</c> and Block Kit <c>blocks</c>, as Slack incoming webhooks accept.</summary>
    Slack = 2,
}
