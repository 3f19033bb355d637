using System.IO.Compression;
using System.Text.Json;
using Azure.Data.Tables;
using PredictiveMigration.Domain.Forecasting;

namespace PredictiveMigration.Azure.Forecasting;

/// <summary>
/// Compact storage form of forecasts and profiles: JSON with the points as flat float arrays (times implied by the
/// origin and step), gzip-compressed, split over binary properties of at most 60 KB (a table property holds 64 KB, an
/// entity 1 MB). A 24-hour forecast of four resources with its profile is about 40 KB before the split.
/// </summary>
internal static class ForecastCodec
{
    public const int ChunkBytes = 60 * 1024;

    /// <summary>Most bytes stored in one entity's chunks (leaves room for the other properties under 1 MB).</summary>
    public const int MaxBytes = 900 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static byte[] Encode(ServerForecast forecast) => Compress(ToDto(forecast));

    public static ServerForecast Decode(byte[] bytes) => FromDto(Decompress<ForecastDto>(bytes));

    public static byte[] EncodeProfile(PredictedResourceProfile profile) => Compress(ToDto(profile));

    public static PredictedResourceProfile DecodeProfile(byte[] bytes) => FromDto(Decompress<ProfileDto>(bytes));

    /// <summary>Writes <paramref name="bytes"/> as <c>{prefix}0..n</c> and <c>{prefix}Chunks</c>; throws naming the server when it is too large.</summary>
    public static void WriteChunks(TableEntity entity, string prefix, byte[] bytes)
    {
        if (bytes.Length > MaxBytes)
        {
            throw new InvalidOperationException($"the {prefix} of {entity.RowKey} is {bytes.Length} bytes compressed, more than one table entity holds ({MaxBytes}); shorten Forecasting:Horizons or lengthen Forecasting:Step");
        }

        var chunks = 0;
        for (var offset = 0; offset < bytes.Length; offset += ChunkBytes, chunks++)
        {
            entity[prefix + chunks] = bytes.AsSpan(offset, Math.Min(ChunkBytes, bytes.Length - offset)).ToArray();
        }

        entity[prefix + "Chunks"] = chunks;
    }

    public static byte[]? ReadChunks(TableEntity entity, string prefix)
    {
        if (entity.GetInt32(prefix + "Chunks") is not { } chunks)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        for (var i = 0; i < chunks; i++)
        {
            buffer.Write(entity.GetBinary(prefix + i) ?? throw new InvalidDataException($"entity {entity.PartitionKey}/{entity.RowKey} lacks {prefix}{i}"));
        }

        return buffer.ToArray();
    }

    private static byte[] Compress<T>(T value)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            JsonSerializer.Serialize(gzip, value, Json);
        }

        return buffer.ToArray();
    }

    private static T Decompress<T>(byte[] bytes)
    {
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        return JsonSerializer.Deserialize<T>(gzip, Json) ?? throw new InvalidDataException("an empty forecast record");
    }

    private static ForecastDto ToDto(ServerForecast f)
    {
        var a = f.Assessment;
        return new ForecastDto(
            a.ServerId, a.AssessedAt, a.Score, a.ModelVersion, f.Method, f.HistoryPoints,
            a.Health.AnomalyScore, a.Health.ErrorRateRatio, a.Health.LatencyDriftPercent,
            [.. a.Reasons.Select(r => new ReasonDto((int)r.Code, (int?)r.Resource, r.Text))],
            [.. a.PredictedLoad.Select(ToDto)],
            [.. a.Resources.Select(ToDto)],
            [.. f.Horizons.Select(h => new HorizonDto(h.Horizon.Ticks, ToDto(h.Risk)))],
            f.Profile is null ? null : ToDto(f.Profile));
    }

    private static ServerForecast FromDto(ForecastDto d)
    {
        var assessment = new RiskAssessment(
            d.ServerId, d.AssessedAt, d.Score,
            [.. d.Load.Select(FromDto)],
            [.. d.Risks.Select(FromDto)],
            new HealthSignals(d.Anomaly, d.ErrorRatio, d.LatencyDrift),
            [.. d.Reasons.Select(r => new RiskReason((RiskReasonCode)r.Code, (ResourceKind?)r.Resource, r.Text))],
            d.ModelVersion);
        return new ServerForecast(assessment, d.Profile is null ? null : FromDto(d.Profile), [.. d.Horizons.Select(h => new HorizonRisk(TimeSpan.FromTicks(h.Horizon), FromDto(h.Risk)))], d.Method, d.HistoryPoints);
    }

    private static ResourceDto ToDto(ResourceForecast f)
    {
        var values = new float[f.Points.Count * 7];
        for (var i = 0; i < f.Points.Count; i++)
        {
            var p = f.Points[i];
            values[(7 * i) + 0] = (float)p.Value;
            values[(7 * i) + 1] = (float)p.Lower80;
            values[(7 * i) + 2] = (float)p.Upper80;
            values[(7 * i) + 3] = (float)p.Lower90;
            values[(7 * i) + 4] = (float)p.Upper90;
            values[(7 * i) + 5] = (float)p.Lower95;
            values[(7 * i) + 6] = (float)p.Upper95;
        }

        return new ResourceDto((int)f.Resource, f.Unit, f.Origin, f.Step.Ticks, f.Model, f.Points.Count > 0 ? f.Points[0].Time : f.Origin, values);
    }

    private static ResourceForecast FromDto(ResourceDto d)
    {
        var step = TimeSpan.FromTicks(d.Step);
        var points = new ForecastPoint[d.Points.Length / 7];
        for (var i = 0; i < points.Length; i++)
        {
            var v = d.Points.AsSpan(7 * i, 7);
            points[i] = new ForecastPoint(d.First + (step * i), v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
        }

        return new ResourceForecast((ResourceKind)d.Resource, d.Unit, d.Origin, step, d.Model, points);
    }

    private static RiskDto ToDto(ResourceRisk r) => new(
        (int)r.Resource, r.Threshold, r.Probability, r.ExpectedTimeToExhaustion?.Ticks, r.EarliestTimeToExhaustion?.Ticks, r.LatestTimeToExhaustion?.Ticks, r.TrendPerHour, r.Score);

    private static ResourceRisk FromDto(RiskDto d) => new(
        (ResourceKind)d.Resource, d.Threshold, d.Probability, Ticks(d.Expected), Ticks(d.Earliest), Ticks(d.Latest), d.Trend, d.Score);

    private static TimeSpan? Ticks(long? ticks) => ticks is { } t ? TimeSpan.FromTicks(t) : null;

    private static ProfileDto ToDto(PredictedResourceProfile p)
    {
        var values = new double[p.Points.Count * 8];
        for (var i = 0; i < p.Points.Count; i++)
        {
            var (e, u) = (p.Points[i].Expected, p.Points[i].Upper);
            values[(8 * i) + 0] = e.CpuCores;
            values[(8 * i) + 1] = e.MemoryBytes;
            values[(8 * i) + 2] = e.Iops;
            values[(8 * i) + 3] = e.NetworkBytesPerSec;
            values[(8 * i) + 4] = u.CpuCores;
            values[(8 * i) + 5] = u.MemoryBytes;
            values[(8 * i) + 6] = u.Iops;
            values[(8 * i) + 7] = u.NetworkBytesPerSec;
        }

        return new ProfileDto(p.ServerId, p.From, p.Step.Ticks, p.UpperLevel, p.Points.Count > 0 ? p.Points[0].Time : p.From, values);
    }

    private static PredictedResourceProfile FromDto(ProfileDto d)
    {
        var step = TimeSpan.FromTicks(d.Step);
        var points = new ProfilePoint[d.Points.Length / 8];
        for (var i = 0; i < points.Length; i++)
        {
            var v = d.Points.AsSpan(8 * i, 8);
            points[i] = new ProfilePoint(d.First + (step * i), new ResourceDemand(v[0], v[1], v[2], v[3]), new ResourceDemand(v[4], v[5], v[6], v[7]));
        }

        return new PredictedResourceProfile(d.ServerId, d.From, step, d.UpperLevel, points);
    }

    private sealed record ForecastDto(
        string ServerId, DateTimeOffset AssessedAt, int Score, string ModelVersion, string Method, int HistoryPoints,
        double Anomaly, double? ErrorRatio, double? LatencyDrift,
        ReasonDto[] Reasons, ResourceDto[] Load, RiskDto[] Risks, HorizonDto[] Horizons, ProfileDto? Profile);

    private sealed record ReasonDto(int Code, int? Resource, string Text);

    private sealed record ResourceDto(int Resource, string Unit, DateTimeOffset Origin, long Step, string Model, DateTimeOffset First, float[] Points);

    private sealed record RiskDto(int Resource, double Threshold, double Probability, long? Expected, long? Earliest, long? Latest, double Trend, double Score);

    private sealed record HorizonDto(long Horizon, RiskDto Risk);

    private sealed record ProfileDto(string ServerId, DateTimeOffset From, long Step, double UpperLevel, DateTimeOffset First, double[] Points);
}
