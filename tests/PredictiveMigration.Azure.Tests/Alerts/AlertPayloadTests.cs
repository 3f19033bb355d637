using System.Text.Json;
using PredictiveMigration.Azure.Alerts;
using PredictiveMigration.Testing;

namespace PredictiveMigration.Azure.Tests.Alerts;

/// <summary>What each format puts on the wire, as a real receiver gets it.</summary>
public class AlertPayloadTests(StorageFixture storage)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task Generic_HighRisk_CarriesVersionedSchemaWithEveryField()
    {
        await using var receiver = await AlertReceiver.StartAsync(Ct);
        await using var ctx = new AlertTestContext(storage, AlertTestContext.Hook("ops", receiver.Url("ops")));
        var alert = TestAlerts.HighRisk("web-01", AlertTestContext.Start);

        await ctx.Publisher.PublishAsync(alert, Ct);
        await ctx.Worker.RunOnceAsync(Ct);

        var request = Assert.Single(receiver.For("ops"));
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        Assert.Equal(alert.Id + "~ops", request.Header("Idempotency-Key"));
        Assert.Equal(alert.Id, request.Header("X-PM-Alert-Id"));
        Assert.Equal("1", request.Header("X-PM-Delivery-Attempt"));
        var json = request.Json;
        Assert.Equal("predictive-migration.alert", json.GetProperty("schema").GetString());
        Assert.Equal(1, json.GetProperty("version").GetInt32());
        Assert.Equal(alert.Id, json.GetProperty("id").GetString());
        Assert.Equal("high-risk:web-01", json.GetProperty("dedupKey").GetString());
        Assert.Equal("highRisk", json.GetProperty("kind").GetString());
        Assert.Equal("critical", json.GetProperty("severity").GetString());
        Assert.Equal("web-01", json.GetProperty("serverId").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("migrationId").ValueKind);
        Assert.Equal("web-01 is at high risk (score 93)", json.GetProperty("title").GetString());
        Assert.Contains("memory forecast p90 reaches 97 %", json.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains(json.GetProperty("facts").EnumerateArray(), f => f.GetProperty("name").GetString() == "Risk score" && f.GetProperty("value").GetString() == "93");
        Assert.Equal("https://pm.example/servers/web-01", json.GetProperty("link").GetString());
        Assert.Equal("2026-11-23T09:00:00.000Z", json.GetProperty("occurredAt").GetString());
        Assert.False(request.Headers.ContainsKey(AlertSignature.SignatureHeader));
    }

    [Fact(Timeout = 60_000)]
    public async Task Generic_WithSecret_SignatureVerifiesAndFailsForAnotherSecretOrBody()
    {
        const string Secret = "0123456789abcdef-secret";
        await using var receiver = await AlertReceiver.StartAsync(Ct);
        var settings = AlertTestContext.Hook("signed", receiver.Url("signed"));
        settings["Alerts:Subscriptions:signed:Secret"] = Secret;
        await using var ctx = new AlertTestContext(storage, settings);

        await ctx.Publisher.PublishAsync(TestAlerts.Started("mig-1", AlertTestContext.Start), Ct);
        await ctx.Worker.RunOnceAsync(Ct);

        var request = Assert.Single(receiver.For("signed"));
        var timestamp = request.Header(AlertSignature.TimestampHeader);
        var signature = request.Header(AlertSignature.SignatureHeader);
        Assert.Equal(AlertTestContext.Start.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), timestamp);
        Assert.StartsWith("sha256=", signature, StringComparison.Ordinal);
        Assert.True(AlertSignature.Verify(Secret, timestamp, request.Body, signature));
        Assert.False(AlertSignature.Verify("another-secret-of-16+", timestamp, request.Body, signature));
        Assert.False(AlertSignature.Verify(Secret, timestamp, [.. request.Body, (byte)' '], signature));
        Assert.False(AlertSignature.Verify(Secret, (AlertTestContext.Start.ToUnixTimeSeconds() + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), request.Body, signature));
    }

    [Fact(Timeout = 60_000)]
    public async Task Teams_MigrationFailed_IsAMessageWithAnAdaptiveCard()
    {
        await using var receiver = await AlertReceiver.StartAsync(Ct);
        await using var ctx = new AlertTestContext(storage, AlertTestContext.Hook("teams", receiver.Url("teams"), "teams"));

        await ctx.Publisher.PublishAsync(TestAlerts.Failed("mig-9", AlertTestContext.Start), Ct);
        await ctx.Worker.RunOnceAsync(Ct);

        var json = Assert.Single(receiver.For("teams")).Json;
        Assert.Equal("message", json.GetProperty("type").GetString());
        var attachment = Assert.Single(json.GetProperty("attachments").EnumerateArray());
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
        var card = attachment.GetProperty("content");
        Assert.Equal("AdaptiveCard", card.GetProperty("type").GetString());
        Assert.Equal("1.4", card.GetProperty("version").GetString());
        var body = card.GetProperty("body").EnumerateArray().ToList();
        Assert.Equal("TextBlock", body[0].GetProperty("type").GetString());
        Assert.Equal("Migration of web-01 failed and needs an operator", body[0].GetProperty("text").GetString());
        Assert.Equal("Attention", body[0].GetProperty("color").GetString());
        Assert.Equal("Rollback could not delete the target disk; remove it by hand.", body[1].GetProperty("text").GetString());
        var facts = Assert.Single(body, b => b.GetProperty("type").GetString() == "FactSet").GetProperty("facts").EnumerateArray().ToList();
        Assert.Contains(facts, f => f.GetProperty("title").GetString() == "Migration" && f.GetProperty("value").GetString() == "mig-9");
        Assert.False(card.TryGetProperty("actions", out _)); // no link given
    }

    [Fact(Timeout = 60_000)]
    public async Task Slack_HighRisk_HasFallbackTextHeaderFieldsAndEscapedLink()
    {
        await using var receiver = await AlertReceiver.StartAsync(Ct);
        await using var ctx = new AlertTestContext(storage, AlertTestContext.Hook("slack", receiver.Url("slack"), "slack"));
        var alert = TestAlerts.HighRisk("db-02", AlertTestContext.Start, score: 75) with { Text = "p90 > 95 % & rising <fast>" };

        await ctx.Publisher.PublishAsync(alert, Ct);
        await ctx.Worker.RunOnceAsync(Ct);

        var json = Assert.Single(receiver.For("slack")).Json;
        Assert.Equal("[Warning] db-02 is at high risk (score 75)", json.GetProperty("text").GetString());
        var blocks = json.GetProperty("blocks").EnumerateArray().ToList();
        Assert.Equal("header", blocks[0].GetProperty("type").GetString());
        Assert.Equal("plain_text", blocks[0].GetProperty("text").GetProperty("type").GetString());
        Assert.Equal("db-02 is at high risk (score 75)", blocks[0].GetProperty("text").GetProperty("text").GetString());
        Assert.Equal("mrkdwn", blocks[1].GetProperty("text").GetProperty("type").GetString());
        Assert.Equal("p90 &gt; 95 % &amp; rising &lt;fast&gt;", blocks[1].GetProperty("text").GetProperty("text").GetString());
        var fields = blocks[2].GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("text").GetString()).ToList();
        Assert.Contains("*Risk score*\n75", fields);
        Assert.True(fields.Count <= SlackAlertPayload.MaxFieldsPerSection);
        var context = blocks[^1];
        Assert.Equal("context", context.GetProperty("type").GetString());
        Assert.Contains("<https://pm.example/servers/db-02|Open in PredictiveMigration>", context.GetProperty("elements")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Slack_MoreThanTenFacts_SplitsFieldsIntoSections()
    {
        var alert = TestAlerts.Started("mig-2", AlertTestContext.Start) with
        {
            Facts = [.. Enumerable.Range(0, 13).Select(i => new Domain.Alerts.AlertFact($"f{i}", $"{i}"))],
        };

        var json = JsonDocument.Parse(SlackAlertPayload.Render(alert)).RootElement;

        var sections = json.GetProperty("blocks").EnumerateArray().Where(b => b.TryGetProperty("fields", out _)).ToList();
        Assert.Equal([10, 3], sections.Select(s => s.GetProperty("fields").GetArrayLength()));
    }
}
