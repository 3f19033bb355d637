namespace PredictiveMigration.Domain.Connectors.Api;

/// <summary>
/// Validates a <see cref="ScaleRequest"/> against the fleet and turns it into actions the same runner executes as the
/// planner's. A connector carrying tasks is never scaled down or decommissioned (the error names
/// <c>connectorId</c> and says to drain it first); asking for the state a connector is already in gives no action.
/// </summary>
public sealed class ManualScaler(ConnectorPlanOptions options)
{
    public static readonly IReadOnlyList<string> Operations = ["provision", "scaleUp", "drain", "scaleDown", "decommission"];

    public Validated<ScaleResponse> Plan(ScaleRequest request, IReadOnlyList<Connector> connectors)
    {
        ArgumentNullException.ThrowIfNull(connectors);
        if (request is null)
        {
            return Validated<ScaleResponse>.Invalid([new FieldError("body", "is required")]);
        }

        var operation = Operations.FirstOrDefault(o => string.Equals(o, request.Operation, StringComparison.OrdinalIgnoreCase));
        if (operation is null)
        {
            return Validated<ScaleResponse>.Invalid([new FieldError("operation", $"must be one of {string.Join(", ", Operations)}")]);
        }

        var reason = "manual" + (string.IsNullOrWhiteSpace(request.Reason) ? string.Empty : ": " + request.Reason.Trim());
        return operation switch
        {
            "provision" => Provision(request, connectors, reason),
            "scaleDown" when request.ConnectorId is null => ScaleDownRegion(request, connectors, reason),
            _ => OnOne(operation, request, connectors, reason),
        };
    }

    private Validated<ScaleResponse> Provision(ScaleRequest request, IReadOnlyList<Connector> connectors, string reason)
    {
        var errors = new List<FieldError>();
        var region = ValidRegion(request.Region, errors);
        var existing = region is null ? 0 : connectors.Count(c => string.Equals(c.Region, region, StringComparison.OrdinalIgnoreCase));
        var room = options.MaxConnectorsPerRegion - existing;
        if (request.Count is not { } count || count < 1)
        {
            errors.Add(new FieldError("count", "must be at least 1"));
        }
        else if (count > room)
        {
            errors.Add(new FieldError("count", FormattableString.Invariant($"must be at most {Math.Max(0, room)}: {region} has {existing} of {options.MaxConnectorsPerRegion} connectors")));
        }

        if (errors.Count > 0)
        {
            return Validated<ScaleResponse>.Invalid(errors);
        }

        var ids = ConnectorNames.Next(region!, connectors.Select(c => c.Id), request.Count!.Value);
        return Validated<ScaleResponse>.Ok(new ScaleResponse([.. ids.Select(id => new ConnectorAction(ConnectorActionKind.Provision, id, region!, options.WarmSize.Name, reason))]));
    }

    private Validated<ScaleResponse> ScaleDownRegion(ScaleRequest request, IReadOnlyList<Connector> connectors, string reason)
    {
        var errors = new List<FieldError>();
        var region = ValidRegion(request.Region, errors, "is required for scaleDown without connectorId (a region name)");
        if (request.Count is not { } count || count < 1)
        {
            errors.Add(new FieldError("count", "must be at least 1"));
            return Validated<ScaleResponse>.Invalid(errors);
        }

        if (errors.Count > 0)
        {
            return Validated<ScaleResponse>.Invalid(errors);
        }

        var idle = connectors
            .Where(c => string.Equals(c.Region, region, StringComparison.OrdinalIgnoreCase) && c.State != ConnectorState.Warm && !c.IsBusy)
            .OrderByDescending(c => c.Id, StringComparer.Ordinal)
            .ToList();
        if (idle.Count < count)
        {
            return Validated<ScaleResponse>.Invalid([new FieldError("count", FormattableString.Invariant($"{region} has {idle.Count} idle active connector(s); busy ones must be drained first"))]);
        }

        return Validated<ScaleResponse>.Ok(new ScaleResponse([.. idle.Take(count).Select(c => new ConnectorAction(ConnectorActionKind.ScaleDown, c.Id, c.Region, options.WarmSize.Name, reason))]));
    }

    private Validated<ScaleResponse> OnOne(string operation, ScaleRequest request, IReadOnlyList<Connector> connectors, string reason)
    {
        if (string.IsNullOrWhiteSpace(request.ConnectorId))
        {
            return Validated<ScaleResponse>.Invalid([new FieldError("connectorId", $"is required for {operation}")]);
        }

        var c = connectors.FirstOrDefault(c => string.Equals(c.Id, request.ConnectorId, StringComparison.OrdinalIgnoreCase));
        if (c is null)
        {
            return Validated<ScaleResponse>.Invalid([new FieldError("connectorId", $"no connector '{request.ConnectorId}'")]);
        }

        if (operation is "scaleDown" or "decommission" && c.IsBusy)
        {
            return Validated<ScaleResponse>.Invalid([new FieldError("connectorId", FormattableString.Invariant($"{c.Id} carries {c.AssignedTasks.Count} task(s): drain it first"))]);
        }

        if (operation == "drain" && c.State == ConnectorState.Warm)
        {
            return Validated<ScaleResponse>.Invalid([new FieldError("connectorId", $"{c.Id} is warm: nothing to drain")]);
        }

        ConnectorAction? action = operation switch
        {
            "scaleUp" when c.State != ConnectorState.Active => new(ConnectorActionKind.ScaleUp, c.Id, c.Region, options.ActiveSize.Name, reason),
            "drain" when c.State != ConnectorState.Draining => new(ConnectorActionKind.Drain, c.Id, c.Region, c.Size, reason),
            "scaleDown" when c.State != ConnectorState.Warm => new(ConnectorActionKind.ScaleDown, c.Id, c.Region, options.WarmSize.Name, reason),
            "decommission" => new(ConnectorActionKind.Decommission, c.Id, c.Region, c.Size, reason),
            _ => null,
        };
        return Validated<ScaleResponse>.Ok(new ScaleResponse(action is null ? [] : [action]));
    }

    private static string? ValidRegion(string? region, List<FieldError> errors, string message = "must be a region name (letters, digits and '-', at most 64)")
    {
        if (string.IsNullOrWhiteSpace(region) || region.Length > 64 || !region.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '-'))
        {
            errors.Add(new FieldError("region", message));
            return null;
        }

        return region.ToLowerInvariant();
    }
}
