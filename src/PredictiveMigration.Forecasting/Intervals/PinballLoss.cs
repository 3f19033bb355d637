namespace PredictiveMigration.Forecasting.Intervals;

/// <summary>Quantile (pinball) loss: <c>q·(y−f)</c> when under-forecast, <c>(1−q)·(f−y)</c> when over.</summary>
public static class PinballLoss
{
    public static double Of(double actual, double quantileForecast, double q)
    {
        var d = actual - quantileForecast;
        return d >= 0 ? q * d : (q - 1) * d;
    }
}
