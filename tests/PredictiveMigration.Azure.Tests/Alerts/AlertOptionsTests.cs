using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PredictiveMigration.Azure.Alerts;
using PredictiveMigration.Domain.Alerts;

namespace PredictiveMigration.Azure.Tests.Alerts;

/// <summary>Settings are validated at registration, with messages naming the setting.</summary>
public class AlertOptionsTests
{
    private static InvalidOperationException Fails(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddAlerts(configuration));
    }

    [Theory]
    [InlineData("Url", null, "Alerts:Subscriptions:ops:Url is required")]
    [InlineData("Url", "not a url", "Alerts:Subscriptions:ops:Url must be an absolute http or https URL")]
    [InlineData("Url", "ftp://hooks.example/x", "Alerts:Subscriptions:ops:Url must be an absolute http or https URL")]
    [InlineData("Format", "discord", "Alerts:Subscriptions:ops:Format must be generic, teams or slack; was 'discord'")]
    [InlineData("Kinds", "HighRisk,Exploded", "Alerts:Subscriptions:ops:Kinds has 'Exploded', not an alert kind")]
    [InlineData("Kinds", "3", "Alerts:Subscriptions:ops:Kinds has '3', not an alert kind")]
    [InlineData("MinSeverity", "loud", "Alerts:Subscriptions:ops:MinSeverity must be info, warning or critical; was 'loud'")]
    [InlineData("Secret", "short", "Alerts:Subscriptions:ops:Secret must be at least 16 characters")]
    [InlineData("RateLimitCount", "0", "Alerts:Subscriptions:ops:RateLimitCount must be between 1 and 100000 (was 0)")]
    [InlineData("RateLimitCount", "ten", "Alerts:Subscriptions:ops:RateLimitCount must be a whole number; was 'ten'")]
    [InlineData("RateLimitWindow", "soon", "Alerts:Subscriptions:ops:RateLimitWindow must be a duration like 00:15:00; was 'soon'")]
    [InlineData("Enabled", "maybe", "Alerts:Subscriptions:ops:Enabled must be true or false; was 'maybe'")]
    [InlineData("RequestTimeout", "00:00:00", "Alerts:Subscriptions:ops:RequestTimeout must be more than 0")]
    public void AddAlerts_BadSubscriptionSetting_NamesTheSetting(string field, string? value, string expected)
    {
        var settings = new Dictionary<string, string?> { ["Alerts:Subscriptions:ops:Url"] = "https://hooks.example/ops" };
        settings["Alerts:Subscriptions:ops:" + field] = value;

        var ex = Fails(settings);

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddAlerts_SecretOnTeams_IsRefusedNamingTheSetting()
    {
        var ex = Fails(new()
        {
            ["Alerts:Subscriptions:ops:Url"] = "https://hooks.example/ops",
            ["Alerts:Subscriptions:ops:Format"] = "teams",
            ["Alerts:Subscriptions:ops:Secret"] = "0123456789abcdefgh",
        });

        Assert.StartsWith("Alerts:Subscriptions:ops:Secret is only used with Format=generic", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Alerts:Table", "x", "Alerts:Table must be a valid table name")]
    [InlineData("Alerts:MaxAttempts", "0", "Alerts:MaxAttempts must be between 1 and 100 (was 0)")]
    [InlineData("Alerts:RateLimitWindow", "-00:01:00", "Alerts:RateLimitWindow must be more than 0")]
    [InlineData("Alerts:MaxRetryDelay", "00:00:01", "Alerts:MaxRetryDelay (00:00:01) must not be shorter than Alerts:BaseRetryDelay")]
    [InlineData("Alerts:MaxParallelDeliveries", "0", "Alerts:MaxParallelDeliveries must be between 1 and 256 (was 0)")]
    public void AddAlerts_BadGlobalSetting_NamesTheSetting(string key, string value, string expected)
    {
        var ex = Fails(new() { [key] = value });

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddAlerts_BadSubscriptionName_NamesIt()
    {
        var ex = Fails(new() { ["Alerts:Subscriptions:ops team:Url"] = "https://hooks.example/ops" });

        Assert.Contains("Alerts:Subscriptions:ops team: the subscription name must be", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromConfiguration_KindsAsArrayAndDefaults_AreRead()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Alerts:Subscriptions:ops:Url"] = "https://hooks.example/ops",
            ["Alerts:Subscriptions:ops:Kinds:0"] = "HighRisk",
            ["Alerts:Subscriptions:ops:Kinds:1"] = "MigrationFailed",
            ["Alerts:Subscriptions:off:Url"] = "https://hooks.example/off",
            ["Alerts:Subscriptions:off:Enabled"] = "false",
        }).Build();

        var options = AlertOptions.FromConfiguration(configuration);
        var subscription = Assert.Single(options.Validate());

        Assert.Equal("ops", subscription.Name);
        Assert.Equal(new HashSet<AlertKind> { AlertKind.HighRisk, AlertKind.MigrationFailed }, subscription.Kinds);
        Assert.Equal(AlertFormat.Generic, subscription.Format);
        Assert.Equal(AlertSeverity.Info, subscription.MinSeverity);
        Assert.Equal(20, subscription.RateLimitCount);
        Assert.Equal(TimeSpan.FromMinutes(15), subscription.RateLimitWindow);
        Assert.Equal(TimeSpan.FromSeconds(10), subscription.RequestTimeout);
        Assert.Equal("https://hooks.example", subscription.SafeUrl);
    }
}
