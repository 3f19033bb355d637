namespace PredictiveMigration.Domain.Connectors.Api;

/// <summary>
/// Answers <c>POST /api/forecast</c>: a migration request → its connector resources.
/// Bandwidth B = max(median rate, data ÷ window). vCPUs = ⌈B ÷ MB/s per core⌉ (at least 1). Memory = base + B ×
/// buffer seconds. Storage = B × staging seconds + the block manifest (16 bytes per block, two cycles). Connectors =
/// ⌈B ÷ the active size's bandwidth⌉. Duration bounds come from the learned rate (<see cref="TransferRateEstimate"/>).
/// </summary>
public sealed class ConnectorResourceEstimator
{
    private readonly MigrationLoadForecaster _forecaster;
    private readonly ConnectorPlanOptions _plan;
    private readonly ConnectorResourceOptions _options;

    public ConnectorResourceEstimator(MigrationLoadForecaster forecaster, ConnectorPlanOptions? plan = null, ConnectorResourceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(forecaster);
        plan ??= new ConnectorPlanOptions();
        options ??= new ConnectorResourceOptions();
        plan.Validate();
        options.Validate();
        _forecaster = forecaster;
        _plan = plan;
        _options = options;
    }

    public Validated<ForecastResponse> Forecast(ForecastRequest request, DateTimeOffset now)
    {
        if (request is null)
        {
            return Validated<ForecastResponse>.Invalid([new FieldError("body", "is required")]);
        }

        var errors = request.Validate();
        if (errors.Count > 0)
        {
            return Validated<ForecastResponse>.Invalid(errors);
        }

        var start = request.EarliestStart is { } s && s > now ? s : now;
        var item = new MigrationLoadItem(
            request.MigrationId ?? "forecast",
            request.SourceRegion!,
            request.DataBytes!.Value,
            start,
            request.Deadline ?? DateTimeOffset.MaxValue,
            1,
            request.FinalDeltaBytes ?? 0);
        var estimate = _forecaster.Estimate(item, now);
        var bandwidth = Math.Max(estimate.Rate.MedianMBps, double.IsFinite(estimate.RequiredMBps) ? estimate.RequiredMBps : 0);
        var cores = Math.Max(1, (int)Math.Ceiling(Math.Round(bandwidth / _options.MBpsPerCore, 9)));
        var memory = _options.BaseMemoryGb + (bandwidth * _options.BufferSeconds / 1000);
        var blocks = Math.Ceiling((double)item.DataBytes / _options.BlockBytes);
        var storage = (bandwidth * _options.StagingSeconds / 1000) + (blocks * 16 * 2 / 1e9);
        var connectors = Math.Max(1, (int)Math.Ceiling(Math.Round(bandwidth / _plan.ActiveSize.BandwidthMBps, 9)));
        return Validated<ForecastResponse>.Ok(new ForecastResponse(
            request.MigrationId,
            request.SourceRegion!,
            estimate.ConnectorRegion,
            double.IsNaN(estimate.LatencyMs) ? null : estimate.LatencyMs,
            _plan.ActiveSize.Name,
            connectors,
            cores,
            Math.Round(memory, 2),
            Math.Round(bandwidth, 2),
            Math.Round(storage, 2),
            new DurationBounds(estimate.ExpectedDuration.TotalSeconds, estimate.LowerDuration.TotalSeconds, estimate.UpperDuration.TotalSeconds),
            estimate.Start,
            estimate.Window.TotalSeconds,
            estimate.ExpectedDuration <= estimate.Window,
            estimate.Rate.Basis,
            [.. BottleneckDetector.Of(estimate, _forecaster.Options.Sla)]));
    }
}
