using Microsoft.Extensions.DependencyInjection;
using PredictiveMigration.Durable.Storage.Backend;

namespace PredictiveMigration.Durable.Storage.Tests.Backend;

public class DurableBackendOptionsTests
{
    private static DurableBackendOptions Valid() => new() { ConnectionString = "UseDevelopmentStorage=true", AppBaseUrl = new Uri("http://127.0.0.1:7071/") };

    [Fact]
    public void Validate_Defaults_Pass()
    {
        DurableBackendOptions options = Valid();

        options.Validate();

        Assert.Equal("PmDevHubHistory", options.HistoryTableName);
        Assert.Equal("pmdevhub-control", options.ControlQueueName);
        Assert.Equal("pmdevhub-workitems", options.WorkItemQueueName);
    }

    [Theory]
    [InlineData("TaskHubName", "DurableBackend:TaskHubName must be 3-45 letters or digits")]
    [InlineData("AppBaseUrl", "DurableBackend:AppBaseUrl must be an absolute http(s) URL")]
    [InlineData("ConnectionString", "DurableBackend:ConnectionString is not set")]
    [InlineData("MaxDequeueCount", "DurableBackend:MaxDequeueCount must be from 1 to 100 (was 0)")]
    [InlineData("PollInterval", "DurableBackend:PollInterval must be from")]
    [InlineData("MaxTimerVisibility", "DurableBackend:MaxTimerVisibility must be from")]
    [InlineData("MaxConcurrentActivities", "DurableBackend:MaxConcurrentActivities must be from 1 to 256 (was 0)")]
    public void AddDurableDevelopmentBackend_BadSetting_FailsAtRegistrationNamingIt(string setting, string expected)
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<InvalidOperationException>(() => services.AddDurableDevelopmentBackend(o =>
        {
            o.ConnectionString = "UseDevelopmentStorage=true";
            o.AppBaseUrl = new Uri("http://127.0.0.1:7071/");
            switch (setting)
            {
                case "TaskHubName": o.TaskHubName = "bad-hub"; break;
                case "AppBaseUrl": o.AppBaseUrl = null; break;
                case "ConnectionString": o.ConnectionString = null; break;
                case "MaxDequeueCount": o.MaxDequeueCount = 0; break;
                case "PollInterval": o.PollInterval = TimeSpan.Zero; break;
                case "MaxTimerVisibility": o.MaxTimerVisibility = TimeSpan.FromDays(8); break;
                case "MaxConcurrentActivities": o.MaxConcurrentActivities = 0; break;
            }
        }));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddDurableDevelopmentClient_WithoutAppBaseUrl_Registers()
    {
        var services = new ServiceCollection();

        services.AddDurableDevelopmentClient(o => o.ConnectionString = "UseDevelopmentStorage=true");

        Assert.Contains(services, d => d.ServiceType == typeof(Client.IDurableClient));
    }
}
