using System.Globalization;
using Azure.Data.Tables;
using PredictiveMigration.Azure.Storage;

namespace PredictiveMigration.Azure.Alerts;

/// <summary>
/// The one alerts table and its partitions (see docs/alerts.md, "Storage"): <c>pending</c> (the outbox),
/// <c>log-yyyyMMdd</c> (alerts and their delivery statuses, newest first), <c>dead</c> (given-up deliveries),
/// <c>dedup</c>, <c>servercap</c> and <c>throttle</c> (admission state). Created on first use.
/// </summary>
public sealed class AlertTables
{
    internal const string PendingPartition = "pending";
    internal const string DeadPartition = "dead";
    internal const string DedupPartition = "dedup";
    internal const string ServerCapPartition = "servercap";
    internal const string ThrottlePartition = "throttle";

    private readonly TablesOnFirstUse _creation;

    public AlertTables(TableServiceClient service, AlertOptions options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Subscriptions = options.Validate().ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);
        Table = service.GetTableClient(options.Table);
        _creation = new TablesOnFirstUse([Table]);
    }

    public AlertOptions Options { get; }

    /// <summary>The enabled, validated subscriptions by name.</summary>
    public IReadOnlyDictionary<string, AlertSubscription> Subscriptions { get; }

    public TableClient Table { get; }

    public ValueTask EnsureInitializedAsync(CancellationToken cancellationToken) => _creation.EnsureAsync(cancellationToken);

    /// <summary>The delivery id of an alert for a subscription; also the <c>Idempotency-Key</c> header and the outbox row key.</summary>
    internal static string DeliveryId(string alertId, string subscription) => alertId + "~" + subscription;

    internal static string LogPartition(DateTimeOffset publishedAt) =>
        "log-" + publishedAt.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>Newest first: row keys start with the inverted publish ticks.</summary>
    internal static string LogRow(DateTimeOffset publishedAt, string alertId) => InvertedTicks(publishedAt) + "_" + alertId;

    internal static string StatusRow(string logRow, string subscription) => logRow + "~" + subscription;

    internal static string DeadRow(DateTimeOffset at, string deliveryId) => InvertedTicks(at) + "_" + deliveryId;

    private static string InvertedTicks(DateTimeOffset at) =>
        (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);
}
