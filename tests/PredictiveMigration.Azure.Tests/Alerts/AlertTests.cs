using PredictiveMigration.Domain.Alerts;

namespace PredictiveMigration.Azure.Tests.Alerts;

/// <summary>The domain alert: factories derive deterministic ids and dedup keys; validation names the field.</summary>
public class AlertTests
{
    [Fact]
    public void HighRisk_SameAssessment_GivesTheSameIdAndAPerServerDedupKey()
    {
        var a = TestAlerts.HighRisk("web-01", AlertTestContext.Start);
        var b = TestAlerts.HighRisk("web-01", AlertTestContext.Start);
        var later = TestAlerts.HighRisk("web-01", AlertTestContext.Start.AddMinutes(5));

        Assert.Equal(a.Id, b.Id);
        Assert.NotEqual(a.Id, later.Id);
        Assert.Equal("high-risk:web-01", a.DedupKey);
        Assert.Equal(a.DedupKey, later.DedupKey);
        Assert.Equal(AlertSeverity.Critical, a.Severity);
        Assert.Equal(AlertSeverity.Warning, TestAlerts.HighRisk("web-01", AlertTestContext.Start, score: 89).Severity);
        a.Validate();
    }

    [Theory]
    [InlineData(AlertKind.MigrationStarted, AlertSeverity.Info, "Migration of web-01 started")]
    [InlineData(AlertKind.MigrationCompleted, AlertSeverity.Info, "Migration of web-01 completed")]
    [InlineData(AlertKind.MigrationRolledBack, AlertSeverity.Warning, "Migration of web-01 was rolled back")]
    [InlineData(AlertKind.MigrationFailed, AlertSeverity.Critical, "Migration of web-01 failed and needs an operator")]
    public void Migration_EachKind_HasItsSeverityTitleAndOneIdPerMigration(AlertKind kind, AlertSeverity severity, string title)
    {
        var alert = Alert.Migration(kind, "mig/42", "web-01", AlertTestContext.Start, "detail");

        Assert.Equal(severity, alert.Severity);
        Assert.Equal(title, alert.Title);
        Assert.Equal(alert.Id, alert.DedupKey);
        Assert.DoesNotContain('/', alert.Id);
        Assert.Equal("mig/42", alert.MigrationId);
        alert.Validate();
    }

    [Fact]
    public void Migration_NotAMigrationKind_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => Alert.Migration(AlertKind.HighRisk, "m", "web-01", AlertTestContext.Start, "x"));
    }

    [Fact]
    public void Migration_VeryLongId_StillFitsAndStaysDistinct()
    {
        var a = Alert.Migration(AlertKind.MigrationStarted, new string('a', 300) + "1", "web-01", AlertTestContext.Start, "x");
        var b = Alert.Migration(AlertKind.MigrationStarted, new string('a', 300) + "2", "web-01", AlertTestContext.Start, "x");

        Assert.True(a.Id.Length <= Alert.MaxKeyLength);
        Assert.NotEqual(a.Id, b.Id);
        a.Validate();
    }

    [Theory]
    [InlineData("Id")]
    [InlineData("DedupKey")]
    [InlineData("ServerId")]
    [InlineData("MigrationId")]
    [InlineData("Title")]
    [InlineData("Text")]
    [InlineData("Facts")]
    [InlineData("Link")]
    public void Validate_BadField_NamesIt(string field)
    {
        var alert = TestAlerts.Started("mig-1", AlertTestContext.Start);
        alert = field switch
        {
            "Id" => alert with { Id = "a/b" },
            "DedupKey" => alert with { DedupKey = "" },
            "ServerId" => alert with { ServerId = null },
            "MigrationId" => alert with { MigrationId = null },
            "Title" => alert with { Title = " " },
            "Text" => alert with { Text = new string('x', Alert.MaxTextLength + 1) },
            "Facts" => alert with { Facts = [.. Enumerable.Range(0, Alert.MaxFacts + 1).Select(i => new AlertFact("n", "v"))] },
            _ => alert with { Link = new Uri("ftp://x.example/") },
        };

        var ex = Assert.Throws<ArgumentException>(alert.Validate);

        Assert.StartsWith($"Alert.{field}", ex.Message, StringComparison.Ordinal);
    }
}
