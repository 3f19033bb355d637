namespace PredictiveMigration.Domain.Metrics.Query;

/// <summary>A request for one server's series over [From, To) at a resolution that is a whole number of minutes.</summary>
public sealed record SeriesQuery(string ServerId, IReadOnlyList<MetricKind> Kinds, DateTimeOffset From, DateTimeOffset To, TimeSpan Resolution)
{
    /// <summary>Most points a single query may return per metric.</summary>
    public const int MaxPoints = 10_000;

    /// <summary>Returns the first problem as (field, message), or null when the query is valid.</summary>
    public (string Field, string Message)? Validate()
    {
        if (!MetricEventValidator.IsValidServerId(ServerId))
        {
            return ("serverId", "serverId is not a valid server id");
        }

        if (Kinds.Count == 0)
        {
            return ("metric", "at least one metric is required");
        }

        if (Resolution < TimeSpan.FromMinutes(1) || Resolution > TimeSpan.FromDays(1) || Resolution.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            return ("resolution", "resolution must be a whole number of minutes between 1 minute and 1 day");
        }

        if (To <= From)
        {
            return ("to", "to must be after from");
        }

        if ((To - From).Ticks / Resolution.Ticks > MaxPoints)
        {
            return ("resolution", $"the range holds more than {MaxPoints} points at this resolution; use a coarser resolution or a shorter range");
        }

        return null;
    }
}
