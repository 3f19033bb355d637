namespace PredictiveMigration.Sandbox.TriggerHost;

/// <summary>Settings of the emulated event hub.</summary>
public sealed class EmulatedEventHubOptions
{
    /// <summary>Loopback port; 0 (the default) picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>The namespace reported to the app in <c>PartitionContext.FullyQualifiedNamespace</c>. Default <c>sandbox.servicebus.windows.net</c>.</summary>
    public string FullyQualifiedNamespace { get; set; } = "sandbox.servicebus.windows.net";

    /// <summary>Partitions of every hub. Default 4 (1 to 32).</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>
    /// Hubs that exist. Empty (the default): a hub is created on first use, by a sender or a trigger; otherwise
    /// sending to another hub answers 404, as the service does.
    /// </summary>
    public List<string> Hubs { get; set; } = [];

    /// <summary>
    /// When set with <see cref="SasKey"/>, shared access signatures are verified (signature and expiry on the hub's
    /// clock). Unset (the default): any <c>SharedAccessSignature …</c> or <c>Bearer …</c> header is accepted.
    /// </summary>
    public string? SasKeyName { get; set; }

    public string? SasKey { get; set; }

    /// <summary>Checks the settings; the message names the setting.</summary>
    public void Validate()
    {
        if (Port is < 0 or > 65535)
        {
            throw new InvalidOperationException($"EventHub:Port must be 0 to 65535 (was {Port}).");
        }

        if (PartitionCount is < 1 or > 32)
        {
            throw new InvalidOperationException($"EventHub:PartitionCount must be 1 to 32 (was {PartitionCount}).");
        }

        if (string.IsNullOrWhiteSpace(FullyQualifiedNamespace))
        {
            throw new InvalidOperationException("EventHub:FullyQualifiedNamespace must be set.");
        }

        if (string.IsNullOrEmpty(SasKeyName) != string.IsNullOrEmpty(SasKey))
        {
            throw new InvalidOperationException("EventHub:SasKeyName and EventHub:SasKey must be set together.");
        }
    }
}
