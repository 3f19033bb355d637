using System.Text.Json;
using PredictiveMigration.Domain.Forecasting;
using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Durable.Storage.Client;
using PredictiveMigration.Functions.Durable;
using PredictiveMigration.Workflows.Deciding;
using PredictiveMigration.Workflows.Migrations;

namespace PredictiveMigration.Functions.Migrations;

/// <summary>
/// The migration API's logic, independent of how the request arrived (directly, or in the host's envelope with a
/// durableClient binding): list, detail, manual request, approve, reject, cancel.
/// </summary>
public sealed class MigrationCommands(
    IMigrationStore migrations,
    IMigrationCandidateStore candidates,
    IRiskStore risk,
    IServiceProvider services,
    TimeProvider time)
{
    private const int MaxText = 500;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary><c>GET /api/migrations?status=active|all|&lt;status&gt;&amp;serverId=…&amp;max=…</c>.</summary>
    public async Task<ApiResponse> ListAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var statusFilter = request.Query.GetValueOrDefault("status", "all");
        MigrationStatus? only = null;
        if (statusFilter is not ("all" or "active"))
        {
            if (!Enum.TryParse<MigrationStatus>(statusFilter, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return ApiResponse.Problem(400, "Invalid query", $"status must be all, active or one of {string.Join(", ", Enum.GetNames<MigrationStatus>())}", "status");
            }

            only = parsed;
        }

        var max = 200;
        if (request.Query.TryGetValue("max", out var maxText) && (!int.TryParse(maxText, out max) || max is < 1 or > 1000))
        {
            return ApiResponse.Problem(400, "Invalid query", "max must be an integer from 1 to 1000", "max");
        }

        var server = request.Query.GetValueOrDefault("serverId");
        var list = await migrations.ListAsync(statusFilter == "active", cancellationToken).ConfigureAwait(false);
        var shown = list
            .Where(m => only is null || m.Status == only)
            .Where(m => string.IsNullOrEmpty(server) || string.Equals(m.ServerId, server, StringComparison.Ordinal))
            .OrderByDescending(m => m.UpdatedAt)
            .Take(max)
            .Select(Summary)
            .ToList();
        return ApiResponse.Ok(new { total = shown.Count, migrations = shown });
    }

    /// <summary><c>GET /api/migrations/{migrationId}</c>: the record with its step timeline.</summary>
    public async Task<ApiResponse> GetAsync(string migrationId, CancellationToken cancellationToken)
    {
        var record = await migrations.GetAsync(migrationId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return ApiResponse.Problem(404, "Not found", $"no migration '{migrationId}'", "migrationId");
        }

        var d = record.Decision;
        return ApiResponse.Ok(new
        {
            migrationId = record.MigrationId,
            serverId = record.ServerId,
            status = record.Status.ToString(),
            step = record.Step.ToString(),
            progress = record.Progress,
            outcome = record.Outcome,
            strategy = d.Strategy.ToString(),
            reason = d.Reason,
            explanation = d.Explanation,
            riskScore = d.RiskScore,
            dryRun = d.DryRun,
            approvalRequired = d.ApprovalRequired,
            source = new { d.Source.ResourceGroup, d.Source.VmName, d.Source.Region, d.Source.Size },
            targets = d.Targets.Select(t => new { t.VmName, t.Region, size = t.Phases.Count > 0 ? t.Phases[0].Size : null, phases = t.Phases }),
            trafficSteps = d.TrafficSteps,
            deadline = d.Deadline,
            createdAt = record.CreatedAt,
            updatedAt = record.UpdatedAt,
            timeline = record.Timeline.Select(e => new { sequence = e.Sequence, step = e.Step.ToString(), state = e.State.ToString(), at = e.At, detail = e.Detail }),
        });
    }

    /// <summary>
    /// <c>POST /api/migrations</c> <c>{"serverId": "…", "reason": "…"}</c>: records a manual request and runs a controller
    /// pass at once; 202 with the status URL when the migration is decided or queued behind the limits.
    /// </summary>
    public async Task<ApiResponse> CreateAsync(ApiRequest request, IDurableClient client, CancellationToken cancellationToken)
    {
        if (!TryReadObject(request.Body, out var body, out var problem))
        {
            return problem!;
        }

        var serverId = body.TryGetProperty("serverId", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()!.Trim() : "";
        if (serverId.Length is 0 or > 128 || serverId.Any(char.IsControl))
        {
            return ApiResponse.Problem(400, "Invalid request", "serverId is required: 1-128 printable characters", "serverId");
        }

        var reason = body.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()!.Trim() : "manual request";
        if (reason.Length > MaxText)
        {
            return ApiResponse.Problem(400, "Invalid request", $"reason must be at most {MaxText} characters", "reason");
        }

        var latest = await risk.GetLatestAsync(serverId, cancellationToken).ConfigureAwait(false);
        var candidate = new MigrationCandidate(
            serverId,
            time.GetUtcNow(),
            CandidateSource.Manual,
            latest?.Assessment.Score ?? 0,
            null,
            null,
            null,
            [reason],
            latest?.Profile,
            latest?.Assessment.ModelVersion ?? "none");
        var migrationId = DecisionFactory.MigrationId(candidate);
        await candidates.UpsertAsync(candidate, cancellationToken).ConfigureAwait(false);

        ControllerPass pass;
        try
        {
            // Resolved here, not in the constructor: the cloud adapters need the Arm settings, the reads do not.
            pass = await services.GetRequiredService<MigrationControllerFactory>().Create(client).RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("Arm:", StringComparison.Ordinal))
        {
            return ApiResponse.Problem(503, "Cloud not configured", e.Message, null);
        }

        if (pass.Skipped.FirstOrDefault(x => x.ServerId == serverId) is { Reason: { } why })
        {
            await candidates.RemoveAsync(serverId, cancellationToken).ConfigureAwait(false);
            return ApiResponse.Problem(422, "Cannot migrate", $"{serverId}: {why}", "serverId");
        }

        var deferred = pass.Deferred.FirstOrDefault(x => x.ServerId == serverId).Reason;
        var statusUrl = $"/api/migrations/{Uri.EscapeDataString(migrationId)}";
        return ApiResponse.Ok(new { migrationId, serverId, statusUrl, queued = deferred is not null, note = deferred }, 202, statusUrl);
    }

    /// <summary><c>POST /api/migrations/{id}/approve|reject</c> <c>{"by": "…", "comment": "…"}</c>.</summary>
    public async Task<ApiResponse> DecideAsync(string migrationId, bool approve, ApiRequest request, IDurableClient client, CancellationToken cancellationToken)
    {
        var record = await migrations.GetAsync(migrationId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return ApiResponse.Problem(404, "Not found", $"no migration '{migrationId}'", "migrationId");
        }

        if (record.Status != MigrationStatus.AwaitingApproval)
        {
            return ApiResponse.Problem(409, "Not awaiting approval", $"migration '{migrationId}' is {record.Status}", "migrationId");
        }

        var (by, comment, problem) = ReadByAndText(request.Body, "comment");
        if (problem is not null)
        {
            return problem;
        }

        var payload = JsonSerializer.Serialize(new ApprovalDecision(approve, by, comment), Json);
        await client.RaiseEventAsync(migrationId, MigrationEvents.Approval, payload, cancellationToken).ConfigureAwait(false);
        return ApiResponse.Ok(new { migrationId, accepted = approve ? "approve" : "reject" }, 202, $"/api/migrations/{Uri.EscapeDataString(migrationId)}");
    }

    /// <summary><c>POST /api/migrations/{id}/cancel</c> <c>{"reason": "…", "by": "…"}</c>: compensation runs for the steps done.</summary>
    public async Task<ApiResponse> CancelAsync(string migrationId, ApiRequest request, IDurableClient client, CancellationToken cancellationToken)
    {
        var record = await migrations.GetAsync(migrationId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return ApiResponse.Problem(404, "Not found", $"no migration '{migrationId}'", "migrationId");
        }

        if (!record.IsActive)
        {
            return ApiResponse.Problem(409, "Not running", $"migration '{migrationId}' is {record.Status}", "migrationId");
        }

        var (by, reason, problem) = ReadByAndText(request.Body, "reason");
        if (problem is not null)
        {
            return problem;
        }

        var payload = JsonSerializer.Serialize(new CancelRequest(reason ?? "cancelled through the API", by), Json);
        await client.RaiseEventAsync(migrationId, MigrationEvents.Cancel, payload, cancellationToken).ConfigureAwait(false);
        return ApiResponse.Ok(new { migrationId, accepted = "cancel" }, 202, $"/api/migrations/{Uri.EscapeDataString(migrationId)}");
    }

    internal static object Summary(MigrationRecord m) => new
    {
        migrationId = m.MigrationId,
        serverId = m.ServerId,
        status = m.Status.ToString(),
        step = m.Step.ToString(),
        progress = m.Progress,
        strategy = m.Decision.Strategy.ToString(),
        reason = m.Decision.Reason,
        outcome = m.Outcome,
        dryRun = m.Decision.DryRun,
        createdAt = m.CreatedAt,
        updatedAt = m.UpdatedAt,
    };

    private static (string? By, string? Text, ApiResponse? Problem) ReadByAndText(string body, string textField)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null, null);
        }

        if (!TryReadObject(body, out var root, out var problem))
        {
            return (null, null, problem);
        }

        string? Field(string name)
        {
            return root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        }

        var by = Field("by");
        var text = Field(textField);
        if (by is { Length: > 128 })
        {
            return (null, null, ApiResponse.Problem(400, "Invalid request", "by must be at most 128 characters", "by"));
        }

        return text is { Length: > MaxText }
            ? (null, null, ApiResponse.Problem(400, "Invalid request", $"{textField} must be at most {MaxText} characters", textField))
            : (by, text, null);
    }

    private static bool TryReadObject(string body, out JsonElement root, out ApiResponse? problem)
    {
        root = default;
        problem = null;
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                problem = ApiResponse.Problem(400, "Invalid request", "the body must be a JSON object", "body");
                return false;
            }

            root = document.RootElement.Clone();
            return true;
        }
        catch (JsonException e)
        {
            problem = ApiResponse.Problem(400, "Invalid request", $"the body is not valid JSON: {e.Message}", "body");
            return false;
        }
    }
}
