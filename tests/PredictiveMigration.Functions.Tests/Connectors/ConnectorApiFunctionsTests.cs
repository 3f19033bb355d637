using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PredictiveMigration.Azure.Connectors;
using PredictiveMigration.Domain.Cloud;
using PredictiveMigration.Domain.Connectors;
using PredictiveMigration.Domain.Connectors.Api;
using PredictiveMigration.Functions.Connectors;
using PredictiveMigration.Testing;
using PredictiveMigration.Workflows.Connectors;

namespace PredictiveMigration.Functions.Tests.Connectors;

public sealed class ConnectorApiFunctionsTests(StorageFixture storage)
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly ConnectorPlanOptions Plan = new();
    private static readonly IServiceProvider Services = new ServiceCollection().AddLogging().BuildServiceProvider();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly FixedTimeProvider _time = new(T0);
    private readonly RecordingActuator _cloud = new();

    private TableConnectorStore NewStore() =>
        new(new ConnectorTables(storage.CreateTableServiceClient(), new ConnectorStorageOptions { ConnectorTable = UniqueNames.Table("apiconn"), ObservationTable = UniqueNames.Table("apiobs") }));

    private TableScaleRequestLog NewLog() => new(storage.CreateTableServiceClient(), UniqueNames.Table("apiscale"));

    [Fact(Timeout = 60_000)]
    public async Task Forecast_ValidRequest_AnswersResourcesWithTheRateLearnedFromTheStore()
    {
        var store = NewStore();
        var body = """{"migrationId":"m-1","sourceRegion":"westeurope","dataBytes":90000000000}""";

        var before = await Forecast(store, body);
        for (var i = 0; i < 20; i++)
        {
            await store.RecordObservationAsync(new MigrationObservation($"old-{i}", "westeurope", T0.AddDays(-2).AddMinutes(i), 90_000_000_000, TimeSpan.FromSeconds(450), true), Ct);
        }

        var after = await Forecast(store, body);

        Assert.Equal(200, before.Status);
        Assert.Equal("m-1", before.Json.GetProperty("migrationId").GetString());
        Assert.Equal("westeurope", before.Json.GetProperty("connectorRegion").GetString());
        Assert.Equal(1800, before.Json.GetProperty("duration").GetProperty("expectedSeconds").GetDouble(), 3); // the 50 MB/s default
        Assert.True(before.Json.GetProperty("cpuCores").GetInt32() >= 1);
        Assert.True(after.Json.GetProperty("duration").GetProperty("expectedSeconds").GetDouble() < 1000, after.Text); // 200 MB/s observed
    }

    [Theory(Timeout = 60_000)]
    [InlineData("""{"sourceRegion":"westeurope","dataBytes":0}""", "dataBytes")]
    [InlineData("""{"sourceRegion":"westeurope","dataBytes":"lots"}""", "dataBytes")]
    [InlineData("""{"dataBytes":1000}""", "sourceRegion")]
    [InlineData("""{"sourceRegion":"west europe!","dataBytes":1000}""", "sourceRegion")]
    [InlineData("""{"sourceRegion":"westeurope","dataBytes":1000,"earliestStart":"2026-03-02T12:00:00Z","deadline":"2026-03-02T11:00:00Z"}""", "deadline")]
    [InlineData("""{"sourceRegion":"westeurope","dataBytes":1000,"finalDeltaBytes":2000}""", "finalDeltaBytes")]
    [InlineData("""[1,2]""", "body")]
    [InlineData("""{not json""", "body")]
    [InlineData("", "body")]
    public async Task Forecast_BadInput_IsAProblemNamingTheField(string body, string field)
    {
        var answer = await Forecast(NewStore(), body);

        Assert.Equal(400, answer.Status);
        Assert.StartsWith("application/problem+json", answer.ContentType, StringComparison.Ordinal);
        Assert.Equal(field, answer.Json.GetProperty("field").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task Forecast_BodyOverTheLimit_Is413()
    {
        var answer = await Forecast(NewStore(), "{\"migrationId\":\"" + new string('x', ConnectorApiFunctions.MaxBodyBytes) + "\"}");

        Assert.Equal(413, answer.Status);
        Assert.Equal("body", answer.Json.GetProperty("field").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task List_ConnectorsAndRegionSummaries()
    {
        var store = NewStore();
        await store.UpsertConnectorAsync(new Connector("pmconn-westeurope-01", "westeurope", Plan.ActiveSize.Name, ConnectorState.Active, 400, 4, ["m1"], T0), Ct);
        await store.UpsertConnectorAsync(new Connector("pmconn-westeurope-02", "westeurope", Plan.WarmSize.Name, ConnectorState.Warm, 0, 0, [], T0), Ct);
        await store.UpsertConnectorAsync(new Connector("pmconn-northeurope-01", "northeurope", Plan.WarmSize.Name, ConnectorState.Warm, 0, 0, [], T0), Ct);

        var all = await Run(ctx => ConnectorApiFunctions.ListAsync(ctx.Request, store, _time), "GET", null);
        var west = await Run(ctx => ConnectorApiFunctions.ListAsync(ctx.Request, store, _time), "GET", null, query: "?region=westeurope");
        var bad = await Run(ctx => ConnectorApiFunctions.ListAsync(ctx.Request, store, _time), "GET", null, query: "?region=no%20such");

        Assert.Equal(200, all.Status);
        Assert.Equal(3, all.Json.GetProperty("connectors").GetArrayLength());
        var w = west.Json.GetProperty("regions").EnumerateArray().Single();
        Assert.Equal(("westeurope", 1, 1, 3), (w.GetProperty("region").GetString(), w.GetProperty("active").GetInt32(), w.GetProperty("warm").GetInt32(), w.GetProperty("freeTasks").GetInt32()));
        Assert.Equal("active", west.Json.GetProperty("connectors")[0].GetProperty("state").GetString());
        Assert.Equal((400, "region"), (bad.Status, bad.Json.GetProperty("field").GetString()));
    }

    [Fact(Timeout = 60_000)]
    public async Task Scale_ProvisionWithAnIdempotencyKey_RunsOnceAndAReplayChangesNothing()
    {
        var (store, log) = (NewStore(), NewLog());
        const string body = """{"operation":"provision","region":"westeurope","count":2,"reason":"burst at 14:00"}""";

        var first = await Scale(store, log, body, key: "req-1");
        var again = await Scale(store, log, body, key: "req-1");
        var other = await Scale(store, log, """{"operation":"provision","region":"westeurope","count":3}""", key: "req-1");

        Assert.Equal(200, first.Status);
        Assert.Equal(2, first.Json.GetProperty("applied").GetInt32());
        Assert.Equal("provision", first.Json.GetProperty("results")[0].GetProperty("action").GetProperty("kind").GetString());
        Assert.Equal((200, true), (again.Status, again.Json.GetProperty("replayed").GetBoolean()));
        Assert.Equal((409, "Idempotency-Key"), (other.Status, other.Json.GetProperty("field").GetString()));
        Assert.Equal(["pmconn-westeurope-01", "pmconn-westeurope-02"], (await store.ListConnectorsAsync(Ct)).Select(c => c.Id));
        Assert.All(await store.ListConnectorsAsync(Ct), c => Assert.Equal(ConnectorState.Warm, c.State));
        Assert.Equal(2, _cloud.Applied.Count);
    }

    [Fact(Timeout = 60_000)]
    public async Task Scale_AFailedAction_Is502AndARetryWithTheKeyRunsTheSameActions()
    {
        var (store, log) = (NewStore(), NewLog());
        const string body = """{"operation":"provision","region":"westeurope","count":2}""";
        _cloud.Fail = a => a.ConnectorId.EndsWith("02", StringComparison.Ordinal) ? new CloudFailure("OperationNotAllowed", "quota", 409, null, false) : null;

        var failed = await Scale(store, log, body, key: "req-2");
        _cloud.Fail = _ => null;
        var retried = await Scale(store, log, body, key: "req-2");

        Assert.Equal((502, "connectorId"), (failed.Status, failed.Json.GetProperty("field").GetString()));
        Assert.Contains("OperationNotAllowed", failed.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal((200, true, 2), (retried.Status, retried.Json.GetProperty("replayed").GetBoolean(), retried.Json.GetProperty("applied").GetInt32()));
        // The same two ids, not two new ones.
        Assert.Equal(["pmconn-westeurope-01", "pmconn-westeurope-02"], (await store.ListConnectorsAsync(Ct)).Select(c => c.Id));
    }

    [Fact(Timeout = 60_000)]
    public async Task Scale_StateAlreadyReached_GivesNoActionAndBusyScaleDownIsRefused()
    {
        var (store, log) = (NewStore(), NewLog());
        await store.UpsertConnectorAsync(new Connector("pmconn-westeurope-01", "westeurope", Plan.ActiveSize.Name, ConnectorState.Active, 400, 4, ["m1"], T0), Ct);

        var up = await Scale(store, log, """{"operation":"scaleUp","connectorId":"pmconn-westeurope-01"}""");
        var down = await Scale(store, log, """{"operation":"scaleDown","connectorId":"pmconn-westeurope-01"}""");
        var unknown = await Scale(store, log, """{"operation":"explode"}""");
        var badKey = await Scale(store, log, """{"operation":"scaleUp","connectorId":"pmconn-westeurope-01"}""", key: "no spaces!");

        Assert.Equal((200, 0), (up.Status, up.Json.GetProperty("results").GetArrayLength()));
        Assert.Equal((400, "connectorId"), (down.Status, down.Json.GetProperty("field").GetString()));
        Assert.Contains("drain it first", down.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal((400, "operation"), (unknown.Status, unknown.Json.GetProperty("field").GetString()));
        Assert.Equal((400, "Idempotency-Key"), (badKey.Status, badKey.Json.GetProperty("field").GetString()));
        Assert.Empty(_cloud.Applied);
    }

    private Task<Answer> Forecast(IConnectorStore store, string body) =>
        Run(ctx => ConnectorApiFunctions.ForecastAsync(ctx.Request, store, ConnectorPlacement.Anywhere((_, _) => 20), Plan, new ConnectorWorkflowOptions(), new ConnectorResourceOptions(), _time), "POST", body);

    private Task<Answer> Scale(IConnectorStore store, IScaleRequestLog log, string body, string? key = null) =>
        Run(ctx => ConnectorApiFunctions.ScaleAsync(ctx.Request, store, new ManualScaler(Plan), new ConnectorActionRunner(_cloud, store, Plan), log, _time), "POST", body, key);

    private static async Task<Answer> Run(Func<HttpContext, Task<IResult>> handler, string method, string? body, string? key = null, string query = "")
    {
        var ctx = new DefaultHttpContext { RequestServices = Services };
        ctx.Request.Method = method;
        ctx.Request.QueryString = new QueryString(query);
        if (body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            ctx.Request.Body = new MemoryStream(bytes);
            ctx.Request.ContentLength = bytes.Length;
            ctx.Request.ContentType = "application/json";
        }

        if (key is not null)
        {
            ctx.Request.Headers[ConnectorApiFunctions.IdempotencyHeader] = key;
        }

        var response = new MemoryStream();
        ctx.Response.Body = response;
        var result = await handler(ctx);
        await result.ExecuteAsync(ctx);
        var text = Encoding.UTF8.GetString(response.ToArray());
        return new Answer(ctx.Response.StatusCode, ctx.Response.ContentType ?? "", text, JsonDocument.Parse(text).RootElement.Clone());
    }

    private sealed record Answer(int Status, string ContentType, string Text, JsonElement Json);
}
