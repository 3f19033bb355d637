using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PredictiveMigration.Domain.Metrics.Inventory;
using PredictiveMigration.Domain.Metrics.Rollups;
using PredictiveMigration.Testing;

namespace PredictiveMigration.Functions.Tests.Forecasting;

/// <summary>The real Functions app on a loopback port with its own tables and model container; several hosts may share them (another "instance").</summary>
internal sealed class ForecastingAppHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ForecastingAppHost(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public T Get<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>Unique table and container names for one test.</summary>
    public static string NewPrefix() => UniqueNames.Table("fc").ToLowerInvariant();

    public static async Task<ForecastingAppHost> StartAsync(string connectionString, TimeProvider time, string prefix, params string[] settings)
    {
        var app = FunctionsApp.Build(
        [
            .. AppArgs.Isolated(connectionString, prefix),
            .. settings,
        ], builder =>
        {
            builder.Services.AddSingleton(new TableServiceClient(connectionString));
            builder.Services.AddSingleton(time);
        });
        await app.StartAsync();
        var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromMinutes(3) };
        return new ForecastingAppHost(app, client);
    }

    /// <summary>Stores rollups and inventory the way ingestion would.</summary>
    public async Task SeedAsync(IEnumerable<RollupGroup> rollups, IEnumerable<ServerObservation> servers)
    {
        var store = Get<IRollupStore>();
        foreach (var chunk in rollups.Chunk(500))
        {
            await store.ApplyAsync(chunk, TestContext.Current.CancellationToken);
        }

        await Get<IServerInventory>().RecordAsync([.. servers], TestContext.Current.CancellationToken);
    }

    /// <summary>Invokes a timer function the way the host does (PROTOCOL.md §2.4); returns the status and the Logs lines.</summary>
    public async Task<(int Status, IReadOnlyList<string> Logs)> InvokeTimerAsync(string function, bool pastDue = false)
    {
        var envelope = """
            {"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":"2026-11-23T11:55:00+00:00","Next":"2026-11-23T12:05:00+00:00","LastUpdated":"2026-11-23T11:55:00+00:00"},"IsPastDue":PASTDUE}},
             "Metadata":{"sys":{"MethodName":"FUNCTION","UtcNow":"2026-11-23T12:00:00Z","RandGuid":"6f1c7a0e-0000-0000-0000-000000000000"}}}
            """.Replace("PASTDUE", pastDue ? "true" : "false", StringComparison.Ordinal).Replace("FUNCTION", function, StringComparison.Ordinal);
        using var response = await Client.PostAsync("/" + function, new StringContent(envelope, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, [.. body.GetProperty("Logs").EnumerateArray().Select(l => l.GetString()!)]);
    }

    public async Task<(int Status, JsonElement Body, string? ContentType)> GetAsync(string path)
    {
        using var response = await Client.GetAsync(path, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, body, response.Content.Headers.ContentType?.MediaType);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
