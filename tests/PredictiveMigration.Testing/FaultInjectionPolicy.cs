using Azure.Core;
using Azure.Core.Pipeline;

namespace PredictiveMigration.Testing;

/// <summary>
/// An Azure SDK pipeline policy in front of the real transport: counts requests, and while <see cref="FailAfter"/>
/// is reached answers with an exception as if storage had gone away. The requests before that reach Azurite for real.
/// </summary>
public sealed class FaultInjectionPolicy : HttpPipelinePolicy
{
    private int _requests;

    /// <summary>Requests that pass before failures start (null: never fail).</summary>
    public int? FailAfter { get; set; }

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Requests that were failed on purpose.</summary>
    public int Failed { get; private set; }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Before();
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Before();
        return ProcessNextAsync(message, pipeline);
    }

    private void Before()
    {
        var n = Interlocked.Increment(ref _requests);
        if (FailAfter is { } limit && n > limit)
        {
            Failed++;
            throw new Azure.RequestFailedException(503, "injected: storage unavailable");
        }
    }
}
