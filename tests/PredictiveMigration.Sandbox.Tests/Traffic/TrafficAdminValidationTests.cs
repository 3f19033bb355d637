using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace PredictiveMigration.Sandbox.Tests.Traffic;

/// <summary>The proxy's admin API refuses bad input with problem+json naming the field.</summary>
public sealed class TrafficAdminValidationTests
{
    private const string Ok = "\"name\":\"a\",\"target\":\"http://127.0.0.1:1/\"";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code, string field)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
        Assert.Equal(field, problem.RootElement.GetProperty("field").GetString());
        Assert.Contains(field, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("not json", "InvalidJson", "body")]
    [InlineData("[]", "InvalidJson", "body")]
    [InlineData("{}", "InvalidEndpoints", "endpoints")]
    [InlineData("{\"endpoints\":[]}", "InvalidEndpoints", "endpoints")]
    [InlineData("{\"endpoints\":[{" + Ok + ",\"weight\":-1}]}", "InvalidWeight", "endpoints[0].weight")]
    [InlineData("{\"endpoints\":[{" + Ok + ",\"weight\":1.5}]}", "InvalidWeight", "endpoints[0].weight")]
    [InlineData("{\"endpoints\":[{" + Ok + "}]}", "InvalidWeight", "endpoints[0].weight")]
    [InlineData("{\"endpoints\":[{" + Ok + ",\"weight\":1},{\"name\":\"b\",\"target\":\"ftp://x/\",\"weight\":1}]}", "InvalidTarget", "endpoints[1].target")]
    [InlineData("{\"endpoints\":[{\"target\":\"http://127.0.0.1:1/\",\"weight\":1}]}", "InvalidEndpointName", "endpoints[0].name")]
    [InlineData("{\"endpoints\":[{" + Ok + ",\"weight\":1},{" + Ok + ",\"weight\":2}]}", "DuplicateEndpoint", "endpoints[1].name")]
    [InlineData("{\"endpoints\":[{" + Ok + ",\"weight\":0}]}", "NoPositiveWeight", "endpoints")]
    [InlineData("{\"endpoints\":[{" + Ok + ",\"weigth\":1}]}", "UnknownField", "endpoints[0].weigth")]
    [InlineData("{\"resourceGroup\":5,\"endpoints\":[{" + Ok + ",\"weight\":1}]}", "InvalidResourceGroup", "resourceGroup")]
    public async Task PutEndpoints_BadBody_IsProblemJsonNamingTheField(string body, string code, string field)
    {
        await using var rig = await TrafficRig.StartAsync(Ct);

        using var response = await rig.Admin.PutAsync("admin/profiles/web/endpoints", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, code, field);
        Assert.Equal(HttpStatusCode.NotFound, (await rig.Admin.GetAsync("admin/profiles/web/endpoints", Ct)).StatusCode);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("admin")]
    [InlineData("bad_name")]
    [InlineData("-leading-hyphen")]
    public async Task PutEndpoints_BadProfileName_IsProblemJsonNamingTheProfile(string profile)
    {
        await using var rig = await TrafficRig.StartAsync(Ct);

        using var response = await rig.Admin.PutAsJsonAsync($"admin/profiles/{profile}/endpoints", new { endpoints = new[] { new { name = "a", target = "http://127.0.0.1:1/", weight = 1 } } }, Ct);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "InvalidProfileName", "profile");
    }

    [Fact(Timeout = 30_000)]
    public async Task GetAndHealth_UnknownProfileEndpointOrBadWindow_AreProblemJsonNamingTheField()
    {
        await using var rig = await TrafficRig.StartAsync(Ct);
        await rig.SetAsync(100, 0, Ct);

        await AssertProblemAsync(await rig.Admin.GetAsync("admin/profiles/nope/endpoints", Ct), HttpStatusCode.NotFound, "ProfileNotFound", "profile");
        await AssertProblemAsync(await rig.Admin.GetAsync("admin/profiles/web/endpoints/nope/health", Ct), HttpStatusCode.NotFound, "EndpointNotFound", "endpoint");
        await AssertProblemAsync(await rig.Admin.GetAsync("admin/profiles/web/health?windowMs=0", Ct), HttpStatusCode.BadRequest, "InvalidWindow", "windowMs");
        await AssertProblemAsync(await rig.Admin.GetAsync("admin/profiles/web/endpoints/source/health?windowMs=abc", Ct), HttpStatusCode.BadRequest, "InvalidWindow", "windowMs");
    }

    [Fact(Timeout = 30_000)]
    public async Task PutEndpoints_ProfileOwnedByAnotherResourceGroup_IsConflictNamingTheResourceGroup()
    {
        await using var rig = await TrafficRig.StartAsync(Ct);
        await rig.SetAsync(100, 0, Ct);

        using var response = await rig.Admin.PutAsJsonAsync("admin/profiles/web/endpoints", new { resourceGroup = "other", endpoints = new[] { new { name = "a", target = "http://127.0.0.1:1/", weight = 1 } } }, Ct);

        await AssertProblemAsync(response, HttpStatusCode.Conflict, "ProfileInOtherResourceGroup", "resourceGroup");
        var still = await rig.Router.GetWeightsAsync(TrafficRig.Group, TrafficRig.Profile, Ct);
        Assert.Equal(["source", "target"], still.Value!.Select(e => e.Name));
    }
}
