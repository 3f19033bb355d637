using PredictiveMigration.Domain.Forecasting;
using PredictiveMigration.Forecasting.Intervals;
using PredictiveMigration.Forecasting.Models;

namespace PredictiveMigration.Forecasting.Service;

/// <summary>
/// What the model bundle holds for one resource: the global model (null when there was too little history to train
/// one), the normalised out-of-sample residuals per horizon step of that model and of the baseline (from the
/// retraining backtest on the held-out tail; residual / series scale), and the usage-shape cluster centroids.
/// </summary>
public sealed class ResourceModel
{
    private ResidualWindow[]? _modelWindows;
    private ResidualWindow[]? _baselineWindows;

    public ResourceModel(ResourceKind resource, GlobalGbmModel? gbm, float[][] modelResiduals, float[][] baselineResiduals, IReadOnlyList<float[]> centroids)
    {
        Resource = resource;
        Gbm = gbm;
        ModelResiduals = modelResiduals ?? throw new ArgumentNullException(nameof(modelResiduals));
        BaselineResiduals = baselineResiduals ?? throw new ArgumentNullException(nameof(baselineResiduals));
        Centroids = centroids ?? throw new ArgumentNullException(nameof(centroids));
    }

    public ResourceKind Resource { get; }

    public GlobalGbmModel? Gbm { get; }

    /// <summary>Per step (index 0 = one step ahead), the global model's normalised residuals.</summary>
    public float[][] ModelResiduals { get; }

    /// <summary>Per step, the baseline's normalised residuals (used for cold-start and baseline forecasts).</summary>
    public float[][] BaselineResiduals { get; }

    public IReadOnlyList<float[]> Centroids { get; }

    /// <summary>Residual windows of the global model per step, built once per loaded model.</summary>
    public ResidualWindow[] ModelWindows => _modelWindows ??= Build(ModelResiduals);

    public ResidualWindow[] BaselineWindows => _baselineWindows ??= Build(BaselineResiduals);

    private static ResidualWindow[] Build(float[][] residuals) => [.. residuals.Select(r => new ResidualWindow(r.Select(x => (double)x)))];
}
