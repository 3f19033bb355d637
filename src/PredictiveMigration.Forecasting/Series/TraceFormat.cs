namespace PredictiveMigration.Forecasting.Series;

/// <summary>Trace file layouts <see cref="TraceReader"/> understands (see docs/forecasting.md, "Input formats").</summary>
public enum TraceFormat
{
    /// <summary>GWA-T-12 Bitbrains per-VM CSV: <c>;</c>+TAB separated, timestamp in Unix seconds.</summary>
    Bitbrains = 0,

    /// <summary>Numenta Anomaly Benchmark: <c>timestamp,value</c>, <c>YYYY-MM-DD HH:MM:SS</c> UTC.</summary>
    Nab = 1,

    /// <summary>Generic: header <c>timestamp,value</c> or <c>timestamp,&lt;col&gt;,…</c>; ISO 8601 or Unix-seconds timestamps.</summary>
    Csv = 2,
}
