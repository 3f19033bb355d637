using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PredictiveMigration.Azure.Alerts;
using PredictiveMigration.Domain.Alerts;
using PredictiveMigration.Testing;

namespace PredictiveMigration.Azure.Tests.Alerts;

/// <summary>
/// Alerting wired the way the app wires it (<see cref="AlertsServiceCollectionExtensions.AddAlerts"/> over
/// configuration), on a uniquely named table in the test storage, with a clock the test moves.
/// <see cref="Restart"/> builds a fresh container on the same table: a new process after a crash.
/// </summary>
internal sealed class AlertTestContext : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private readonly StorageFixture _storage;
    private readonly Dictionary<string, string?> _settings;
    private ServiceProvider _provider;

    public AlertTestContext(StorageFixture storage, Dictionary<string, string?> settings)
    {
        _storage = storage;
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Alerts:Table"] = UniqueNames.Table("alerts"),
            ["Alerts:BackgroundDelivery"] = "false",
            ["Alerts:RequestTimeout"] = "00:00:05",
            ["Alerts:BaseRetryDelay"] = "00:00:10",
            ["Alerts:MaxRetryDelay"] = "00:05:00",
        };
        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }

        _provider = Build();
    }

    public FixedTimeProvider Clock { get; } = new(Start);

    public IServiceProvider Services => _provider;

    public IAlertPublisher Publisher => _provider.GetRequiredService<IAlertPublisher>();

    public AlertDeliveryWorker Worker => _provider.GetRequiredService<AlertDeliveryWorker>();

    public IAlertLog Log => _provider.GetRequiredService<IAlertLog>();

    public TableClient Table => _provider.GetRequiredService<AlertTables>().Table;

    public static Dictionary<string, string?> Hook(string name, Uri url, string format = "generic", string? kinds = null) => new()
    {
        [$"Alerts:Subscriptions:{name}:Url"] = url.AbsoluteUri,
        [$"Alerts:Subscriptions:{name}:Format"] = format,
        [$"Alerts:Subscriptions:{name}:Kinds"] = kinds,
    };

    public static Dictionary<string, string?> Merge(params Dictionary<string, string?>[] parts)
    {
        var all = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in parts)
        {
            foreach (var (key, value) in part)
            {
                all[key] = value;
            }
        }

        return all;
    }

    /// <summary>Drops the current container (worker, publisher, caches) and builds a new one on the same table.</summary>
    public async Task RestartAsync()
    {
        await _provider.DisposeAsync();
        _provider = Build();
    }

    public void Advance(TimeSpan by) => Clock.Now += by;

    public async Task<AlertLogEntry> EntryAsync(string alertId)
    {
        var entries = await Log.ListRecentAsync(100, TestContext.Current.CancellationToken);
        return Assert.Single(entries, e => e.Alert.Id == alertId);
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();

    private ServiceProvider Build()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(_storage.CreateTableServiceClient());
        services.AddAlerts(configuration);
        return services.BuildServiceProvider();
    }
}
