namespace PredictiveMigration.Forecasting.Models;

/// <summary>Training settings of the global model. Defaults suit 5-minute data and horizons up to one day.</summary>
public sealed record GlobalModelOptions
{
    /// <summary>Horizons (in steps) the model is trained on; horizon is a feature, so other horizons interpolate between these.</summary>
    public IReadOnlyList<int> Horizons { get; init; } = [1, 2, 3, 4, 6, 8, 10, 12, 18, 24, 36, 48, 72, 144, 288];

    /// <summary>Cap on training rows (origins are subsampled evenly per series to stay under it); bounds time and memory.</summary>
    public int MaxRows { get; init; } = 150_000;

    /// <summary>Seed of LightGBM (with deterministic=true): same data and seed, same model.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Boosting rounds: 200 at a learning rate of 0.08 keeps training of a fleet under a minute on 2 cores; fixed before any test run, not tuned on test data.</summary>
    public int Iterations { get; init; } = 200;

    /// <summary>Shrinkage: small enough that 200 rounds do not overfit single spiky series (with 200 rows per leaf).</summary>
    public double LearningRate { get; init; } = 0.08;

    /// <summary>Leaves per tree: 31 is LightGBM's default and enough for horizon x level x seasonality interactions.</summary>
    public int Leaves { get; init; } = 31;

    /// <summary>At least 200 rows per leaf, so a leaf never describes one spike of one server.</summary>
    public int MinRowsPerLeaf { get; init; } = 200;

    /// <summary>
    /// The loss: <see cref="GbmObjective.Median"/> (absolute error) by default, because MAE is the headline error and
    /// CPU changes are heavy-tailed (spikes), where a squared-loss fit chases the spikes and lands between the modes.
    /// </summary>
    public GbmObjective Objective { get; init; } = GbmObjective.Median;

    /// <summary>
    /// Passes of iteratively reweighted fitting (weights 1/max(|residual|, 0.1 scale) from the previous fit), which move a
    /// squared-loss fit towards the conditional median. 0 by default: the median objective needs none; kept for
    /// <see cref="GbmObjective.Mean"/>. Fits that only supply weights use half the rounds.
    /// </summary>
    public int ReweightedPasses { get; init; }

    /// <summary>
    /// Share at the end of each series' training part held out to choose the per-horizon shrinkage towards persistence
    /// (the model is then refitted on the whole training part). 0.2 leaves most history to the fit and gives a few
    /// days of held-out origins per series; 0 keeps the model unshrunk.
    /// </summary>
    public double ValidationFraction { get; init; } = 0.2;

    /// <summary>Threads for training; 2 matches the shared build machine and the Functions plan.</summary>
    public int Threads { get; init; } = 2;
}
