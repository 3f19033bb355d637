using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace PredictiveMigration.Sandbox.Traffic;

/// <summary>
/// First step of the proxy pipeline (before load balancing): times every attempt, records its outcome against the
/// destination that served it, and, when allowed, sends an idempotent body-less request that could not reach its
/// destination on to another destination of positive weight. Each retried attempt stays a failure of its destination
/// and is counted as a retry, so verification sees what the retry hid from the user.
/// </summary>
internal sealed class ProxyAccountingMiddleware(TrafficProfileRegistry registry, SandboxTrafficProxyOptions options, TimeProvider time, ILogger logger)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var feature = context.GetReverseProxyFeature();
        if (!registry.TryGet(feature.Route.Config.RouteId, out var profile))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var canRetry = options.RetryOnConnectionFailure && IsReplayable(context.Request);
        var tried = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (true)
        {
            var start = time.GetTimestamp();
            await next(context).ConfigureAwait(false);
            var latencyMs = time.GetElapsedTime(start).TotalMilliseconds;
            var error = context.Features.Get<IForwarderErrorFeature>();
            if (error?.Error == ForwarderError.NoAvailableDestinations || feature.ProxiedDestination is not { } destination)
            {
                profile.CountNoDestination();
                return;
            }

            var outcome = Classify(error, context.Response.StatusCode, context.RequestAborted.IsCancellationRequested);
            tried.Add(destination.DestinationId);
            var retryTo = canRetry && outcome == RequestOutcome.ConnectionError && error?.Error == ForwarderError.Request && !context.Response.HasStarted
                ? RetryCandidates(feature, profile, tried)
                : [];
            profile.StatsOf(destination.DestinationId).Record(latencyMs, outcome, retried: retryTo.Count > 0);
            if (retryTo.Count == 0)
            {
                return;
            }

            profile.CountRetry();
            TrafficLogs.RequestRetried(logger, profile.Name, destination.DestinationId, error!.Error);
            context.Features.Set<IForwarderErrorFeature>(null);
            context.Response.Clear();
            feature.AvailableDestinations = retryTo;
        }
    }

    private static List<DestinationState> RetryCandidates(IReverseProxyFeature feature, TrafficProfile profile, HashSet<string> tried)
    {
        var weights = profile.Weights;
        return [.. feature.AllDestinations.Where(d => !tried.Contains(d.DestinationId) && weights.WeightOf(d.DestinationId) > 0)];
    }

    /// <summary>Idempotent methods without a body can be sent again as they are.</summary>
    private static bool IsReplayable(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || HttpMethods.IsDelete(request.Method) || HttpMethods.IsTrace(request.Method))
        && (request.ContentLength ?? 0) == 0
        && !request.Headers.TransferEncoding.Any(v => v is not null && v.Contains("chunked", StringComparison.OrdinalIgnoreCase));

    private static RequestOutcome Classify(IForwarderErrorFeature? error, int status, bool clientAborted) => error?.Error switch
    {
        null or ForwarderError.None => status >= 500 ? RequestOutcome.ServerError : RequestOutcome.Success,
        ForwarderError.RequestTimedOut => RequestOutcome.Timeout,
        ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.ResponseBodyCanceled
            or ForwarderError.RequestBodyClient or ForwarderError.ResponseBodyClient => RequestOutcome.ClientAborted,
        _ when clientAborted => RequestOutcome.ClientAborted,
        _ => RequestOutcome.ConnectionError,
    };
}
