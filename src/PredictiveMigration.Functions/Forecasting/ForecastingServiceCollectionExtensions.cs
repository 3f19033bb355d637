using PredictiveMigration.Azure.Forecasting;
using PredictiveMigration.Forecasting.Service;

namespace PredictiveMigration.Functions.Forecasting;

public static class ForecastingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the forecasting pipeline (<c>RunForecasts</c>, <c>RetrainModels</c>, the read API) and its stores.
    /// Options come from the <c>Forecasting</c> and <c>Retrain</c> sections and are validated here, at start-up.
    /// Needs the metrics storage (<c>AddMetricsStorage</c>) for the query service and the inventory.
    /// </summary>
    public static IServiceCollection AddForecasting(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var forecasting = configuration.GetSection("Forecasting").Get<ForecastingOptions>() ?? new ForecastingOptions();
        forecasting.Validate();
        var retrain = configuration.GetSection("Retrain").Get<RetrainOptions>() ?? new RetrainOptions();
        retrain.Validate();
        services.AddSingleton(forecasting);
        services.AddSingleton(retrain);
        services.AddForecastStorage(configuration);
        services.AddSingleton<HistoryReader>();
        services.AddSingleton<ForecastEngine>();
        services.AddSingleton<ForecastRunner>();
        services.AddSingleton<ModelRetrainer>();
        services.AddSingleton<Dashboard.UsageClusterView>();
        return services;
    }
}
