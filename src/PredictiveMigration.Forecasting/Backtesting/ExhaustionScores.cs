namespace PredictiveMigration.Forecasting.Backtesting;

/// <summary>Exhaustion-alert quality on the test part (see docs/forecasting.md for the event and alert rules).</summary>
public sealed record ExhaustionScores(double Precision, double Recall, double F1, int LeadMinutes, int Events, int Detected, int Alerts, int TrueAlerts)
{
    /// <summary>Alert probability in use (overall: chosen on the calibration part).</summary>
    public double AlertProbability { get; init; } = double.NaN;

    /// <summary>Consecutive origins the probability must stay at or above <see cref="AlertProbability"/> before an alert is active (overall: chosen on the calibration part).</summary>
    public int AlertConsecutive { get; init; } = 1;

    /// <summary>Whether alerts were limited to series that reached the threshold within the week before the origin (overall: chosen on the calibration part).</summary>
    public bool AlertHistoryGate { get; init; }

    /// <summary>Leader probability of the fleet signal (0 = off; overall: chosen on the calibration part). See docs/forecasting.md §5.</summary>
    public double AlertFleet { get; init; }

    /// <summary>
    /// Events whose admissible alert window (onset − horizon .. onset − lead) is flat: the series stays within one
    /// level-shift threshold there, so no forecast from the series alone can announce them at the lead time.
    /// </summary>
    public int FlatStarts { get; init; }

    /// <summary>Exhaustion threshold in series units.</summary>
    public double Threshold { get; init; } = double.NaN;

    public static ExhaustionScores From(int events, int detected, int alerts, int trueAlerts, int leadMinutes)
    {
        var precision = alerts == 0 ? 0 : (double)trueAlerts / alerts;
        var recall = events == 0 ? 0 : (double)detected / events;
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new ExhaustionScores(precision, recall, f1, leadMinutes, events, detected, alerts, trueAlerts);
    }
}
