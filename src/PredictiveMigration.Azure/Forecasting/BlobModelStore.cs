using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using PredictiveMigration.Forecasting.Persistence;
using PredictiveMigration.Forecasting.Service;

namespace PredictiveMigration.Azure.Forecasting;

/// <summary>
/// Versioned models in Blob storage: <c>{name}/versions/{version}/model.bin</c> (the payload) and
/// <c>{name}/versions/{version}/meta.json</c> (the sidecar: training window, backtest scores, the promotion decision
/// and its reason; written after the payload, so a version exists once its sidecar does), and <c>{name}/current</c>
/// holding the promoted version, only ever replaced under an ETag condition (If-Match, or If-None-Match: * when
/// there is none yet), so two retraining runs cannot both promote over each other unseen.
/// </summary>
public sealed class BlobModelStore(BlobServiceClient service, ForecastStorageOptions options, TimeProvider time) : IModelRegistry
{
    private const int MaxPromoteAttempts = 5;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly BlobContainerClient _container = service.GetBlobContainerClient(options.ModelContainer);
    private volatile bool _created;

    public Task SaveAsync(ModelArtifact artifact, CancellationToken cancellationToken) => SaveCoreAsync(artifact, null, cancellationToken);

    public Task SaveAsync(ModelArtifact artifact, ModelDecision decision, CancellationToken cancellationToken) => SaveCoreAsync(artifact, decision, cancellationToken);

    public async Task<ModelArtifact?> LoadAsync(string name, string? version, CancellationToken cancellationToken)
    {
        version ??= (await GetCurrentAsync(name, cancellationToken).ConfigureAwait(false))?.Version;
        if (version is null)
        {
            return null;
        }

        var meta = await ReadMetaAsync(name, version, cancellationToken).ConfigureAwait(false);
        if (meta is null)
        {
            return null;
        }

        var payload = await _container.GetBlobClient(PayloadPath(name, version)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
        return new ModelArtifact(meta.Name, meta.Version, meta.TrainedFrom, meta.TrainedTo, meta.Scores, payload.Value.Content.ToMemory());
    }

    public async Task<bool> PromoteIfBetterAsync(string name, string version, string scoreKey, CancellationToken cancellationToken)
    {
        var candidate = await ReadMetaAsync(name, version, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"model {name}/{version} is not saved");
        if (!candidate.Scores.TryGetValue(scoreKey, out var score))
        {
            throw new InvalidOperationException($"model {name}/{version} has no score '{scoreKey}'");
        }

        for (var attempt = 0; attempt < MaxPromoteAttempts; attempt++)
        {
            var pointer = await GetCurrentAsync(name, cancellationToken).ConfigureAwait(false);
            if (pointer is not null)
            {
                var current = await ReadMetaAsync(name, pointer.Version, cancellationToken).ConfigureAwait(false);
                if (current is not null && current.Scores.TryGetValue(scoreKey, out var incumbent) && incumbent <= score)
                {
                    return false;
                }
            }

            if (await TryPromoteAsync(name, version, pointer, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }

        return false;
    }

    public async Task<ModelPointer?> GetCurrentAsync(string name, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await _container.GetBlobClient(CurrentPath(name)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return new ModelPointer(result.Value.Content.ToString().Trim(), result.Value.Details.ETag.ToString());
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task<bool> TryPromoteAsync(string name, string version, ModelPointer? expected, CancellationToken cancellationToken)
    {
        if (await ReadMetaAsync(name, version, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new InvalidOperationException($"model {name}/{version} is not saved; save it before promoting it");
        }

        var conditions = expected is null ? new BlobRequestConditions { IfNoneMatch = ETag.All } : new BlobRequestConditions { IfMatch = new ETag(expected.ETag) };
        try
        {
            await _container.GetBlobClient(CurrentPath(name)).UploadAsync(
                BinaryData.FromString(version),
                new BlobUploadOptions { Conditions = conditions, HttpHeaders = new BlobHttpHeaders { ContentType = "text/plain" } },
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    public async Task RecordDecisionAsync(string name, string version, ModelDecision decision, CancellationToken cancellationToken)
    {
        var meta = await ReadMetaAsync(name, version, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"model {name}/{version} is not saved");
        await WriteMetaAsync(meta with { Decision = decision }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ModelVersionInfo>> ListVersionsAsync(string name, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        var prefix = Safe(name) + "/versions/";
        var versions = new List<string>();
        await foreach (var blob in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken).ConfigureAwait(false))
        {
            if (blob.Name.EndsWith("/meta.json", StringComparison.Ordinal))
            {
                versions.Add(blob.Name[prefix.Length..^"/meta.json".Length]);
            }
        }

        var current = (await GetCurrentAsync(name, cancellationToken).ConfigureAwait(false))?.Version;
        var metas = new Meta?[versions.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, versions.Count),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (i, ct) => metas[i] = await ReadMetaAsync(name, versions[i], ct).ConfigureAwait(false)).ConfigureAwait(false);
        return
        [
            .. metas.Where(m => m is not null).Select(m => m!)
                .OrderByDescending(m => m.SavedAt).ThenByDescending(m => m.Version, StringComparer.Ordinal)
                .Select(m => new ModelVersionInfo(m.Name, m.Version, m.TrainedFrom, m.TrainedTo, m.Scores, m.Decision, m.Version == current)),
        ];
    }

    private async Task SaveCoreAsync(ModelArtifact artifact, ModelDecision? decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        await _container.GetBlobClient(PayloadPath(artifact.Name, artifact.Version)).UploadAsync(
            BinaryData.FromBytes(artifact.Payload),
            new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/octet-stream" },
                Metadata = new Dictionary<string, string>
                {
                    ["trainedfrom"] = artifact.TrainedFrom.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                    ["trainedto"] = artifact.TrainedTo.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                },
            },
            cancellationToken).ConfigureAwait(false);
        var meta = new Meta(artifact.Name, artifact.Version, artifact.TrainedFrom, artifact.TrainedTo, new Dictionary<string, double>(artifact.Scores), decision, time.GetUtcNow());
        await WriteMetaAsync(meta, cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteMetaAsync(Meta meta, CancellationToken cancellationToken) =>
        await _container.GetBlobClient(MetaPath(meta.Name, meta.Version)).UploadAsync(
            BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(meta, Json)),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } },
            cancellationToken).ConfigureAwait(false);

    private async Task<Meta?> ReadMetaAsync(string name, string version, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await _container.GetBlobClient(MetaPath(name, version)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return JsonSerializer.Deserialize<Meta>(result.Value.Content.ToStream(), Json)
                ?? throw new InvalidDataException($"model {name}/{version}: meta.json is empty");
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private async ValueTask EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            _created = true;
        }
    }

    private static string PayloadPath(string name, string version) => $"{Safe(name)}/versions/{Safe(version)}/model.bin";

    private static string MetaPath(string name, string version) => $"{Safe(name)}/versions/{Safe(version)}/meta.json";

    private static string CurrentPath(string name) => $"{Safe(name)}/current";

    private static string Safe(string part) =>
        !string.IsNullOrEmpty(part) && part.Length <= 200 && part.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && part != "." && part != ".."
            ? part
            : throw new ArgumentException($"'{part}' is not a valid model name or version (letters, digits, '-', '_', '.')", nameof(part));

    private sealed record Meta(string Name, string Version, DateTimeOffset TrainedFrom, DateTimeOffset TrainedTo, Dictionary<string, double> Scores, ModelDecision? Decision, DateTimeOffset SavedAt);
}
