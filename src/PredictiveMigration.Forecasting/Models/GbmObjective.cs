namespace PredictiveMigration.Forecasting.Models;

/// <summary>The loss the global model's trees minimise.</summary>
public enum GbmObjective
{
    /// <summary>Absolute error (LightGBM <c>regression_l1</c>): the trees fit the conditional median, what MAE rewards.</summary>
    Median = 0,

    /// <summary>Squared error (LightGBM <c>regression</c>): the conditional mean.</summary>
    Mean = 1,
}
