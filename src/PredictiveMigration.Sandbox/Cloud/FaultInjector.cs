using Microsoft.AspNetCore.Http;

namespace PredictiveMigration.Sandbox.Cloud;

/// <summary>Holds the active faults and decides which one a request meets.</summary>
internal sealed class FaultInjector(IEnumerable<CloudFault> initial)
{
    private readonly Lock _gate = new();
    private readonly List<CloudFault> _faults = [.. initial];

    public void Add(CloudFault fault)
    {
        lock (_gate)
        {
            _faults.Add(fault);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _faults.Clear();
        }
    }

    public IReadOnlyList<CloudFault> List()
    {
        lock (_gate)
        {
            return [.. _faults];
        }
    }

    /// <summary>Takes (consumes one use of) the first fault of one of <paramref name="kinds"/> matching the request.</summary>
    public CloudFault? Take(HttpRequest request, params string[] kinds)
    {
        lock (_gate)
        {
            var fault = _faults.FirstOrDefault(f => kinds.Contains(f.Kind, StringComparer.OrdinalIgnoreCase)
                && (f.Method is null || f.Method.Equals(request.Method, StringComparison.OrdinalIgnoreCase))
                && (f.PathContains is null || request.Path.Value!.Contains(f.PathContains, StringComparison.OrdinalIgnoreCase)));
            if (fault is not null && fault.Count > 0 && --fault.Count == 0)
            {
                _faults.Remove(fault);
            }

            return fault;
        }
    }

    public bool IsRegionDown(string? region)
    {
        if (region is null)
        {
            return false;
        }

        lock (_gate)
        {
            return _faults.Any(f => f.Kind.Equals("regionDown", StringComparison.OrdinalIgnoreCase) && region.Equals(f.Region, StringComparison.OrdinalIgnoreCase));
        }
    }
}
