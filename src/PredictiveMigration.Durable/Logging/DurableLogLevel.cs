namespace PredictiveMigration.Durable.Logging;

/// <summary>Log levels; the numeric values equal Microsoft.Extensions.Logging's <c>LogLevel</c> so adapters can cast.</summary>
public enum DurableLogLevel
{
    /// <summary>Most detailed.</summary>
    Trace = 0,

    /// <summary>Debugging.</summary>
    Debug = 1,

    /// <summary>General flow.</summary>
    Information = 2,

    /// <summary>Unexpected but handled.</summary>
    Warning = 3,

    /// <summary>A failure of the current operation.</summary>
    Error = 4,

    /// <summary>A failure that needs immediate attention.</summary>
    Critical = 5,
}
