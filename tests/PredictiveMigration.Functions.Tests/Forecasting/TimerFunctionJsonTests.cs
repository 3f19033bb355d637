using System.Text.Json;
using PredictiveMigration.Functions.Hosting;
using PredictiveMigration.Functions.Hosting.Bindings;

namespace PredictiveMigration.Functions.Tests.Forecasting;

public class TimerFunctionJsonTests
{
    [Theory]
    [InlineData(FunctionCatalog.RunForecasts, "%ForecastSchedule%")]
    [InlineData(FunctionCatalog.RetrainModels, "%RetrainSchedule%")]
    public void TimerFunctions_FunctionJson_IsATimerTriggerOnASettingWithARetryPolicy(string name, string schedule)
    {
        var declaration = FunctionCatalog.Get(name);

        using var doc = JsonDocument.Parse(declaration.ToFunctionJson());
        var binding = doc.RootElement.GetProperty("bindings").EnumerateArray().Single();

        Assert.Equal("timerTrigger", binding.GetProperty("type").GetString());
        Assert.Equal("in", binding.GetProperty("direction").GetString());
        Assert.Equal(FunctionCatalog.TimerBinding, binding.GetProperty("name").GetString());
        Assert.Equal(schedule, binding.GetProperty("schedule").GetString());
        Assert.False(binding.TryGetProperty("runOnStartup", out _), "runOnStartup must stay off: every instance start would run it");
        Assert.Equal("exponentialBackoff", doc.RootElement.GetProperty("retry").GetProperty("strategy").GetString());
        Assert.False(declaration.IsForwardedHttp);
        Assert.Equal("/" + name, declaration.RoutePattern);
        Assert.Equal(["POST"], declaration.HttpMethods);
    }

    [Fact]
    public void TimerTriggerBinding_NonDefaultFlags_AreWritten()
    {
        var declaration = new FunctionDeclaration("T", [new TimerTriggerBinding("timer", "0 */5 * * * *", RunOnStartup: true, UseMonitor: false)]);

        using var doc = JsonDocument.Parse(declaration.ToFunctionJson());
        var binding = doc.RootElement.GetProperty("bindings")[0];

        Assert.Equal("0 */5 * * * *", binding.GetProperty("schedule").GetString());
        Assert.True(binding.GetProperty("runOnStartup").GetBoolean());
        Assert.False(binding.GetProperty("useMonitor").GetBoolean());
    }
}
