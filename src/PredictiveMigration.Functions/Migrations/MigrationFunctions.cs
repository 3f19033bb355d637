using System.Text.Json;
using PredictiveMigration.Durable;
using PredictiveMigration.Durable.Storage.Client;
using PredictiveMigration.Functions.Durable;
using PredictiveMigration.Functions.Hosting;
using PredictiveMigration.Workflows.Connectors;

namespace PredictiveMigration.Functions.Migrations;

/// <summary>
/// The migration functions. Reads are plain forwarded HTTP functions. Writes need a Durable client, so in Azure they
/// carry a <c>durableClient</c> binding and arrive in the invocation envelope at <c>/{FunctionName}</c>; locally
/// (no host in front) the same logic is also served at the public route with the registered development client.
/// </summary>
public static class MigrationFunctions
{
    public static async Task<IResult> ListAsync(HttpRequest request, MigrationCommands commands) =>
        ToResult(await commands.ListAsync(await ApiRequest.FromHttpAsync(request).ConfigureAwait(false), request.HttpContext.RequestAborted).ConfigureAwait(false));

    public static async Task<IResult> GetAsync(string migrationId, HttpRequest request, MigrationCommands commands) =>
        ToResult(await commands.GetAsync(migrationId, request.HttpContext.RequestAborted).ConfigureAwait(false));

    /// <summary>Runs a write command for a direct request or an envelope invocation.</summary>
    public static async Task HandleWriteAsync(HttpContext context, bool envelope, Func<MigrationCommands, ApiRequest, IDurableClient, CancellationToken, Task<ApiResponse>> command)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(command);
        byte[]? body = null;
        ApiRequest request;
        if (envelope)
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            body = buffer.ToArray();
            request = ApiRequest.FromEnvelope(body);
        }
        else
        {
            request = await ApiRequest.FromHttpAsync(context.Request).ConfigureAwait(false);
        }

        ApiResponse response;
        IDisposable? owned = null;
        try
        {
            var (client, lifetime) = DurableClients.Resolve(context.RequestServices, body);
            owned = lifetime;
            response = await command(context.RequestServices.GetRequiredService<MigrationCommands>(), request, client, context.RequestAborted).ConfigureAwait(false);
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("no Durable client", StringComparison.Ordinal))
        {
            response = ApiResponse.Problem(503, "Durable client unavailable", e.Message, null);
        }
        finally
        {
            owned?.Dispose();
        }

        if (envelope)
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(response.ToEnvelope(), context.RequestAborted).ConfigureAwait(false);
        }
        else
        {
            await response.WriteAsync(context.Response).ConfigureAwait(false);
        }
    }

    /// <summary>The controller timer: one pass over the open candidates (the Durable client comes from its binding in Azure).</summary>
    public static async Task RunControllerAsync(HttpContext context, MigrationControllerFactory controllers, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(controllers);
        var ct = context.RequestAborted;
        var log = loggers.CreateLogger(FunctionCatalog.RunMigrationController);
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, ct).ConfigureAwait(false);
        try
        {
            var (client, owned) = DurableClients.Resolve(context.RequestServices, buffer.ToArray());
            using (owned)
            {
                await EnsureConnectorScalingAsync(client, ct).ConfigureAwait(false);
                var pass = await controllers.Create(client).RunAsync(ct).ConfigureAwait(false);
                Logs.ControllerPass(log, pass.Launched.Count, pass.DryRuns.Count, pass.Deferred.Count, pass.Skipped.Count);
                await InvocationResponse.WriteAsync(context.Response, StatusCodes.Status200OK,
                    [$"controller: {pass.Launched.Count} launched, {pass.DryRuns.Count} dry-run, {pass.Deferred.Count} deferred, {pass.Skipped.Count} skipped"], ct).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logs.ControllerFailed(log, ex);
            await InvocationResponse.WriteAsync(context.Response, StatusCodes.Status500InternalServerError, [$"controller pass failed: {ex.Message}"], ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Starts the eternal <see cref="ConnectorScalingOrchestrator"/> (one instance, fixed id) if it is not running:
    /// the controller's timer is its keeper, so a purged or failed instance comes back within a tick.
    /// </summary>
    internal static async Task EnsureConnectorScalingAsync(IDurableClient client, CancellationToken cancellationToken)
    {
        var status = await client.GetStatusAsync(ConnectorScalingOrchestrator.InstanceId, false, cancellationToken).ConfigureAwait(false);
        if (status is not null && status.RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.ContinuedAsNew or OrchestrationRuntimeStatus.Suspended)
        {
            return;
        }

        if (status is not null)
        {
            await client.PurgeAsync(ConnectorScalingOrchestrator.InstanceId, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var input = JsonSerializer.Serialize(ConnectorScalingState.Initial, new DurableTaskOptions().SerializerOptions);
            await client.StartNewAsync(ConnectorScalingOrchestrator.Name, input, ConnectorScalingOrchestrator.InstanceId, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Another invocation started it first.
        }
    }

    private static IResult ToResult(ApiResponse response) =>
        Results.Text(response.Body, response.ContentType, System.Text.Encoding.UTF8, response.Status);
}
