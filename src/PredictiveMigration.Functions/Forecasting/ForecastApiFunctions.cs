using System.Text.Json;
using System.Xml;
using PredictiveMigration.Domain.Common;
using PredictiveMigration.Domain.Forecasting;
using PredictiveMigration.Domain.Metrics;
using PredictiveMigration.Forecasting.Service;
using PredictiveMigration.Functions.Hosting;

namespace PredictiveMigration.Functions.Forecasting;

/// <summary>Read side of forecasting: a server's forecast and risk, the model versions.</summary>
public static class ForecastApiFunctions
{
    /// <summary>
    /// <c>GET /api/servers/{serverId}/forecast[?horizon=6h]</c>: per resource the forecast points with their 80/90/95 %
    /// bands up to the horizon (default: the longest configured), and per configured horizon the risk of each resource.
    /// </summary>
    public static async Task<IResult> GetServerForecastAsync(string serverId, HttpRequest request, IRiskStore risks)
    {
        if (!MetricEventValidator.IsValidServerId(serverId))
        {
            return Problems.Create(400, "Invalid server id", "serverId is not a valid server id", "serverId");
        }

        TimeSpan? horizon = null;
        if (!string.IsNullOrEmpty(request.Query["horizon"]))
        {
            if (!ShortDuration.TryParse(request.Query["horizon"], out var h) || h <= TimeSpan.Zero)
            {
                return Problems.Create(400, "Invalid query", $"horizon must be a positive duration like {ShortDuration.Forms}", "horizon");
            }

            horizon = h;
        }

        var forecast = await risks.GetLatestAsync(serverId, request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (forecast is null)
        {
            return NotFound(serverId);
        }

        var a = forecast.Assessment;
        return Results.Json(new
        {
            serverId,
            assessedAt = a.AssessedAt,
            modelVersion = a.ModelVersion,
            method = forecast.Method,
            horizons = forecast.Horizons.Select(h => h.Horizon).Distinct().Order().Select(h => new
            {
                horizon = XmlConvert.ToString(h),
                minutes = h.TotalMinutes,
                resources = forecast.Horizons.Where(x => x.Horizon == h).Select(x => Risk(x.Risk)),
            }),
            resources = a.PredictedLoad.Select(f => new
            {
                resource = Name(f.Resource),
                unit = f.Unit,
                model = f.Model,
                origin = f.Origin,
                step = XmlConvert.ToString(f.Step),
                points = f.Points.Where(p => horizon is null || p.Time - f.Origin <= horizon).Select(p => new
                {
                    t = p.Time,
                    value = p.Value,
                    lower80 = p.Lower80,
                    upper80 = p.Upper80,
                    lower90 = p.Lower90,
                    upper90 = p.Upper90,
                    lower95 = p.Lower95,
                    upper95 = p.Upper95,
                }),
            }),
        });
    }

    /// <summary>
    /// <c>GET /api/servers/{serverId}/risk[?history=24h]</c>: the latest <see cref="RiskAssessment"/> (score, per-resource
    /// risk, health signals, reasons, model version), the risk per horizon, and optionally the score over time.
    /// </summary>
    public static async Task<IResult> GetServerRiskAsync(string serverId, HttpRequest request, IRiskStore risks, TimeProvider time)
    {
        if (!MetricEventValidator.IsValidServerId(serverId))
        {
            return Problems.Create(400, "Invalid server id", "serverId is not a valid server id", "serverId");
        }

        TimeSpan? history = null;
        if (!string.IsNullOrEmpty(request.Query["history"]))
        {
            if (!ShortDuration.TryParse(request.Query["history"], out var h) || h <= TimeSpan.Zero || h > TimeSpan.FromDays(31))
            {
                return Problems.Create(400, "Invalid query", $"history must be a duration up to 31 days like {ShortDuration.Forms}", "history");
            }

            history = h;
        }

        var ct = request.HttpContext.RequestAborted;
        var forecast = await risks.GetLatestAsync(serverId, ct).ConfigureAwait(false);
        if (forecast is null)
        {
            return NotFound(serverId);
        }

        IReadOnlyList<RiskHistoryPoint> points = [];
        if (history is { } window)
        {
            var now = time.GetUtcNow();
            points = await risks.GetHistoryAsync(serverId, now - window, now.AddTicks(1), ct).ConfigureAwait(false);
        }

        var a = forecast.Assessment;
        return Results.Json(new
        {
            serverId,
            assessedAt = a.AssessedAt,
            score = a.Score,
            modelVersion = a.ModelVersion,
            method = forecast.Method,
            health = new { anomalyScore = a.Health.AnomalyScore, errorRateRatio = a.Health.ErrorRateRatio, latencyDriftPercent = a.Health.LatencyDriftPercent },
            resources = a.Resources.Select(Risk),
            horizons = forecast.Horizons.Select(h => new { horizon = XmlConvert.ToString(h.Horizon), risk = Risk(h.Risk) }),
            reasons = a.Reasons.Select(r => new { code = JsonNamingPolicy.CamelCase.ConvertName(r.Code.ToString()), resource = r.Resource is { } k ? Name(k) : null, text = r.Text }),
            history = history is null ? null : points.Select(p => new
            {
                t = p.AssessedAt,
                score = p.Score,
                probability = p.Probability.ToDictionary(kv => Name(kv.Key), kv => kv.Value),
                modelVersion = p.ModelVersion,
            }),
        });
    }

    /// <summary><c>GET /api/models</c>: the current version, its training window and backtest scores, and every version with its promotion decision.</summary>
    public static async Task<IResult> ListModelsAsync(IModelRegistry models, HttpContext context)
    {
        var versions = await models.ListVersionsAsync(ForecastModel.ArtifactName, context.RequestAborted).ConfigureAwait(false);
        var current = versions.FirstOrDefault(v => v.IsCurrent);
        return Results.Json(new
        {
            name = ForecastModel.ArtifactName,
            current = current is null ? null : Describe(current),
            versions = versions.Select(Describe),
        });
    }

    private static object Describe(ModelVersionInfo v) => new
    {
        version = v.Version,
        trainedFrom = v.TrainedFrom,
        trainedTo = v.TrainedTo,
        current = v.IsCurrent,
        scores = v.Scores,
        promoted = v.Decision?.Promoted,
        reason = v.Decision?.Reason,
        decidedAt = v.Decision?.DecidedAt,
        holdoutFrom = v.Decision?.HoldoutFrom,
        holdoutTo = v.Decision?.HoldoutTo,
        candidateScore = v.Decision?.CandidateScore,
        currentScore = v.Decision?.CurrentScore,
        comparedWith = v.Decision?.CurrentVersion,
    };

    private static object Risk(ResourceRisk r) => new
    {
        resource = Name(r.Resource),
        threshold = r.Threshold,
        probability = r.Probability,
        score = r.Score,
        expectedMinutes = r.ExpectedTimeToExhaustion?.TotalMinutes,
        earliestMinutes = r.EarliestTimeToExhaustion?.TotalMinutes,
        latestMinutes = r.LatestTimeToExhaustion?.TotalMinutes,
        trendPerHour = r.TrendPerHour,
    };

    private static string Name(ResourceKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    private static IResult NotFound(string serverId) =>
        Problems.Create(404, "Unknown server", $"no forecast exists for server '{serverId}' (it is unknown, or has not been forecast yet)", "serverId");
}
