using PredictiveMigration.Domain.Forecasting;
using PredictiveMigration.Forecasting.Intervals;
using PredictiveMigration.Forecasting.Models;

namespace PredictiveMigration.Forecasting.Service;

/// <summary>
/// What the model bundle holds for one resource: the global model (null when there was too little history to train
/// one), the normalised out-of-sample residuals per horizon step of that model and of the baseline (from the
/// retraining backtest on the held-out tail; residual / series scale), and the usage-shape cluster centroids; and the
/// per-server choice: the servers whose own held-out tail the analogue model (<see cref="AnalogForecaster"/>)
/// forecast better than the global model, with that model's residuals on those servers.
/// </summary>
public sealed class ResourceModel
{
    private ResidualWindow[]? _modelWindows;
    private ResidualWindow[]? _baselineWindows;
    private ResidualWindow[]? _analogWindows;

    public ResourceModel(ResourceKind resource, GlobalGbmModel? gbm, float[][] modelResiduals, float[][] baselineResiduals, IReadOnlyList<float[]> centroids, IReadOnlyCollection<string>? analogServers = null, float[][]? analogResiduals = null)
    {
        AnalogServers = new HashSet<string>(analogServers ?? [], StringComparer.Ordinal);
        AnalogResiduals = analogResiduals ?? [];
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

    /// <summary>Servers forecast by the analogue model instead of the global model (their held-out MAE was lower with it).</summary>
    public IReadOnlySet<string> AnalogServers { get; }

    /// <summary>Per step, the analogue model's normalised residuals on <see cref="AnalogServers"/>.</summary>
    public float[][] AnalogResiduals { get; }

    /// <summary>Whether this server is forecast by the analogue model.</summary>
    public bool UsesAnalog(string serverId) => AnalogServers.Contains(serverId);

    /// <summary>Residual windows of the global model per step, built once per loaded model.</summary>
    public ResidualWindow[] ModelWindows => _modelWindows ??= Build(ModelResiduals);

    public ResidualWindow[] BaselineWindows => _baselineWindows ??= Build(BaselineResiduals);

    public ResidualWindow[] AnalogWindows => _analogWindows ??= Build(AnalogResiduals);

    private static ResidualWindow[] Build(float[][] residuals) => [.. residuals.Select(r => new ResidualWindow(r.Select(x => (double)x)))];
}
