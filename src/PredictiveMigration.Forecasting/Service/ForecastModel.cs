using PredictiveMigration.Domain.Forecasting;
using PredictiveMigration.Forecasting.Models;

namespace PredictiveMigration.Forecasting.Service;

/// <summary>
/// The versioned model the pipeline runs on: one <see cref="ResourceModel"/> per resource, trained and calibrated
/// together by <c>RetrainModels</c> and stored as one artifact (<see cref="ArtifactName"/>) through the model store.
/// The payload format is ours (a header, then per resource the global model's own serialisation, residuals and
/// centroids); <see cref="Load"/> rejects anything else with a clear message.
/// </summary>
public sealed class ForecastModel
{
    /// <summary>The artifact name in the model store.</summary>
    public const string ArtifactName = "forecast";

    private const string Magic = "PM-FORECAST-MODEL";
    /// <summary>2 added the per-server analogue choice; format 1 payloads still load (no server uses the analogue model).</summary>
    private const int FormatVersion = 2;

    public ForecastModel(string version, DateTimeOffset trainedFrom, DateTimeOffset trainedTo, IReadOnlyList<ResourceModel> resources)
    {
        Version = version;
        TrainedFrom = trainedFrom;
        TrainedTo = trainedTo;
        Resources = resources;
    }

    public string Version { get; }

    public DateTimeOffset TrainedFrom { get; }

    public DateTimeOffset TrainedTo { get; }

    public IReadOnlyList<ResourceModel> Resources { get; }

    public ResourceModel? For(ResourceKind resource) => Resources.FirstOrDefault(r => r.Resource == resource);

    public byte[] Save()
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(FormatVersion);
            w.Write(Version);
            w.Write(TrainedFrom.UtcTicks);
            w.Write(TrainedTo.UtcTicks);
            w.Write(Resources.Count);
            foreach (var r in Resources)
            {
                w.Write((int)r.Resource);
                w.Write(r.Gbm is not null);
                if (r.Gbm is not null)
                {
                    using var gbm = new MemoryStream();
                    r.Gbm.Save(gbm);
                    w.Write(gbm.Length);
                    w.Write(gbm.GetBuffer(), 0, (int)gbm.Length);
                }

                WriteJagged(w, r.ModelResiduals);
                WriteJagged(w, r.BaselineResiduals);
                WriteJagged(w, [.. r.Centroids]);
                w.Write(r.AnalogServers.Count);
                foreach (var server in r.AnalogServers.Order(StringComparer.Ordinal))
                {
                    w.Write(server);
                }

                WriteJagged(w, r.AnalogResiduals);
            }
        }

        return stream.ToArray();
    }

    /// <summary>Reads a payload written by <see cref="Save"/>; throws <see cref="InvalidDataException"/> naming what is wrong.</summary>
    public static ForecastModel Load(ReadOnlyMemory<byte> payload)
    {
        try
        {
            using var stream = new MemoryStream(payload.ToArray(), writable: false);
            using var r = new BinaryReader(stream, System.Text.Encoding.UTF8);
            if (r.ReadString() != Magic)
            {
                throw new InvalidDataException("the payload is not a forecast model bundle");
            }

            var format = r.ReadInt32();
            if (format is < 1 or > FormatVersion)
            {
                throw new InvalidDataException($"forecast model format {format} is not supported (this build reads 1 to {FormatVersion})");
            }

            var version = r.ReadString();
            var from = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero);
            var to = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero);
            var count = r.ReadInt32();
            var resources = new List<ResourceModel>(count);
            for (var i = 0; i < count; i++)
            {
                var kind = (ResourceKind)r.ReadInt32();
                GlobalGbmModel? gbm = null;
                if (r.ReadBoolean())
                {
                    var length = r.ReadInt64();
                    using var inner = new MemoryStream(r.ReadBytes(checked((int)length)));
                    gbm = GlobalGbmModel.Load(inner);
                }

                var (model, baseline, centroids) = (ReadJagged(r), ReadJagged(r), ReadJagged(r));
                string[] analogServers = [];
                float[][] analogResiduals = [];
                if (format >= 2)
                {
                    analogServers = new string[r.ReadInt32()];
                    for (var j = 0; j < analogServers.Length; j++)
                    {
                        analogServers[j] = r.ReadString();
                    }

                    analogResiduals = ReadJagged(r);
                }

                resources.Add(new ResourceModel(kind, gbm, model, baseline, centroids, analogServers, analogResiduals));
            }

            return new ForecastModel(version, from, to, resources);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("the forecast model payload is truncated", ex);
        }
    }

    private static void WriteJagged(BinaryWriter w, float[][] rows)
    {
        w.Write(rows.Length);
        foreach (var row in rows)
        {
            w.Write(row.Length);
            foreach (var x in row)
            {
                w.Write(x);
            }
        }
    }

    private static float[][] ReadJagged(BinaryReader r)
    {
        var rows = new float[r.ReadInt32()][];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = new float[r.ReadInt32()];
            for (var j = 0; j < rows[i].Length; j++)
            {
                rows[i][j] = r.ReadSingle();
            }
        }

        return rows;
    }
}
