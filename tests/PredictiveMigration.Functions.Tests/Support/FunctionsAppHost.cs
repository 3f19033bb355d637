using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Core;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PredictiveMigration.Testing;

namespace PredictiveMigration.Functions.Tests.Support;

/// <summary>The real Functions app on a real loopback port, with its own tables on the test storage.</summary>
internal sealed class FunctionsAppHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FunctionsAppHost(WebApplication app, HttpClient client, FaultInjectionPolicy policy)
    {
        _app = app;
        Client = client;
        Policy = policy;
    }

    public HttpClient Client { get; }

    public FaultInjectionPolicy Policy { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<FunctionsAppHost> StartAsync(string connectionString, TimeProvider? time = null, string? tablePrefix = null, params string[] extraArgs)
    {
        var policy = new FaultInjectionPolicy();
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 0;
        options.AddPolicy(policy, HttpPipelinePosition.PerCall);
        var prefix = tablePrefix ?? UniqueNames.Table("f");
        var app = FunctionsApp.Build(
        [
            "--urls", "http://127.0.0.1:0",
            "--AzureWebJobsStorage", connectionString,
            $"--Metrics:RollupTable={prefix}r",
            $"--Metrics:DeadLetterTable={prefix}d",
            $"--Metrics:ServerTable={prefix}s",
            "--Logging:LogLevel:Default=Warning",
            .. extraArgs,
        ], builder =>
        {
            builder.Services.AddSingleton(new TableServiceClient(connectionString, options));
            if (time is not null)
            {
                builder.Services.AddSingleton(time);
            }
        });
        await app.StartAsync();
        var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(60) };
        return new FunctionsAppHost(app, client, policy);
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
