namespace PredictiveMigration.Domain.Migrations;

/// <summary>A weekly maintenance window in UTC: from <paramref name="Start"/> on <paramref name="Day"/>, for <paramref name="Duration"/> (at most 7 days).</summary>
public sealed record MaintenanceWindow(DayOfWeek Day, TimeOnly Start, TimeSpan Duration)
{
    /// <summary><paramref name="at"/> itself when it falls inside a window, otherwise the start of the next window.</summary>
    public DateTimeOffset NextStart(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        var days = ((int)Day - (int)utc.DayOfWeek + 7) % 7;
        var thisWeek = new DateTimeOffset(utc.Date, TimeSpan.Zero).AddDays(days).Add(Start.ToTimeSpan());
        DateTimeOffset[] starts = [thisWeek.AddDays(-7), thisWeek, thisWeek.AddDays(7)];
        foreach (var s in starts)
        {
            if (s <= utc && utc < s + Duration)
            {
                return utc;
            }
        }

        return starts.First(s => s > utc);
    }
}
