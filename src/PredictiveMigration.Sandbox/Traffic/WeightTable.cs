using PredictiveMigration.Domain.Cloud;
using Yarp.ReverseProxy.Model;

namespace PredictiveMigration.Sandbox.Traffic;

/// <summary>
/// An immutable set of weighted endpoints plus the state of a smooth weighted round robin over them (the nginx
/// algorithm): shares are exact over every run of requests (weights 1:9 send exactly one request in ten to the
/// first), which keeps tests deterministic. A weight change swaps the whole table in one reference write, so a
/// request sees either the old weights or the new ones, never a mix.
/// </summary>
internal sealed class WeightTable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _index;
    private readonly long[] _current;

    public WeightTable(IReadOnlyList<WeightedEndpoint> endpoints)
    {
        Endpoints = endpoints;
        _index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < endpoints.Count; i++)
        {
            _index[endpoints[i].Name] = i;
        }

        _current = new long[endpoints.Count];
        Total = endpoints.Sum(e => (long)e.Weight);
    }

    public IReadOnlyList<WeightedEndpoint> Endpoints { get; }

    public long Total { get; }

    public int WeightOf(string endpoint) => _index.TryGetValue(endpoint, out var i) ? Endpoints[i].Weight : 0;

    public double ShareOf(string endpoint) => Total == 0 ? 0 : (double)WeightOf(endpoint) / Total;

    /// <summary>Picks among <paramref name="available"/> by weight; null when none of them has a positive weight.</summary>
    public DestinationState? Pick(IReadOnlyList<DestinationState> available)
    {
        lock (_gate)
        {
            DestinationState? best = null;
            var bestIndex = -1;
            long total = 0;
            foreach (var destination in available)
            {
                if (!_index.TryGetValue(destination.DestinationId, out var i) || Endpoints[i].Weight <= 0)
                {
                    continue;
                }

                _current[i] += Endpoints[i].Weight;
                total += Endpoints[i].Weight;
                if (best is null || _current[i] > _current[bestIndex])
                {
                    best = destination;
                    bestIndex = i;
                }
            }

            if (best is not null)
            {
                _current[bestIndex] -= total;
            }

            return best;
        }
    }
}
