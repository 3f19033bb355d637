using PredictiveMigration.Cli.Sandbox;

namespace PredictiveMigration.Cli.Tests;

/// <summary>How the sandbox reads RunForecasts' summary from an invocation response's <c>Logs</c>.</summary>
public class SandboxMonitorTests
{
    [Fact]
    public void ParseForecastSummary_TheAppsSummaryLine_GivesForecastsRiskModelAndSeconds()
    {
        // The line RunForecastsFunction writes, after a model warning line.
        const string body = """{"Outputs":{},"Logs":["model problem","tick 2026-01-06T05:00:00.0000000+00:00: 50 active, 48 forecast, 3 at risk, 0 candidates removed, model 20260106-0500, 2.41 s"],"ReturnValue":null}""";

        var summary = SandboxMonitor.ParseForecastSummary(body);

        Assert.Equal((48, 3, "20260106-0500", 2.41), summary);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("""{"Logs":"one string"}""")]
    [InlineData("""["a","b"]""")]
    public void InvocationLogs_BodyWithoutALogsArray_IsEmptyAndNoSummary(string body)
    {
        Assert.Empty(SandboxMonitor.InvocationLogs(body));
        Assert.Null(SandboxMonitor.ParseForecastSummary(body));
    }
}
