namespace PredictiveMigration.Domain.Metrics;

/// <summary>Range, identity and time checks on a parsed event (the structural checks are in <see cref="MetricEventJson"/>).</summary>
public static class MetricEventValidator
{
    /// <summary>Longest accepted server id. Ids are table keys, so the character set is restricted too.</summary>
    public const int MaxServerIdLength = 128;

    /// <summary>Longest accepted agent version string.</summary>
    public const int MaxAgentVersionLength = 64;

    /// <summary>Returns null when the event is acceptable at <paramref name="now"/>, or the first rule it breaks.</summary>
    public static MetricRejection? Validate(MetricEvent metricEvent, DateTimeOffset now, MetricValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(metricEvent);
        ArgumentNullException.ThrowIfNull(options);

        if (!IsValidServerId(metricEvent.ServerId))
        {
            return new MetricRejection(RejectionReason.InvalidServerId, "serverId",
                $"serverId must be 1-{MaxServerIdLength} characters of A-Z a-z 0-9 . _ - : and start with a letter or digit");
        }

        if (metricEvent.Sequence < 0)
        {
            return new MetricRejection(RejectionReason.OutOfRange, "seq", "seq must not be negative");
        }

        if (metricEvent.Timestamp > now + options.MaxClockSkew)
        {
            return new MetricRejection(RejectionReason.ClockSkew, "timestamp",
                $"timestamp {metricEvent.Timestamp:O} is {(metricEvent.Timestamp - now).TotalSeconds:F0} s ahead of the receiver's clock (limit {options.MaxClockSkew.TotalSeconds:F0} s)");
        }

        if (metricEvent.Timestamp < now - options.MaxEventAge)
        {
            return new MetricRejection(RejectionReason.TooOld, "timestamp",
                $"timestamp {metricEvent.Timestamp:O} is older than the accepted age of {options.MaxEventAge.TotalDays:F1} days");
        }

        foreach (var info in MetricKinds.All)
        {
            var value = metricEvent[info.Kind];
            if (!double.IsNaN(value) && (value < info.Min || value > info.Max))
            {
                return new MetricRejection(RejectionReason.OutOfRange, info.JsonName,
                    $"{info.JsonName} = {value} is outside [{info.Min}, {info.Max}]");
            }
        }

        // Used above provisioned happens (ballooning, accounting artefacts); twice provisioned is a broken agent.
        if (metricEvent.MemoryUsedBytes > 2 * metricEvent.MemoryTotalBytes)
        {
            return new MetricRejection(RejectionReason.OutOfRange, "memoryUsedBytes",
                $"memoryUsedBytes = {metricEvent.MemoryUsedBytes} is more than twice memoryTotalBytes = {metricEvent.MemoryTotalBytes}");
        }

        if (metricEvent.CpuCores is { } cores && cores is < 1 or > 4096)
        {
            return new MetricRejection(RejectionReason.OutOfRange, "cpuCores", $"cpuCores = {cores} is outside [1, 4096]");
        }

        if (metricEvent.AgentVersion is { } version && (version.Length > MaxAgentVersionLength || version.Any(char.IsControl)))
        {
            return new MetricRejection(RejectionReason.OutOfRange, "agentVersion",
                $"agentVersion must be at most {MaxAgentVersionLength} printable characters");
        }

        return null;
    }

    /// <summary>Server ids become Azure Table keys: letters, digits and <c>. _ - :</c>, starting with a letter or digit.</summary>
    public static bool IsValidServerId(string? serverId)
    {
        if (string.IsNullOrEmpty(serverId) || serverId.Length > MaxServerIdLength || !char.IsAsciiLetterOrDigit(serverId[0]))
        {
            return false;
        }

        foreach (var c in serverId)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-' or ':'))
            {
                return false;
            }
        }

        return true;
    }
}
