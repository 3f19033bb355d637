using PredictiveMigration.Domain.Forecasting;
using PredictiveMigration.Forecasting.Service;

namespace PredictiveMigration.Forecasting.Tests.Service;

public class ForecastModelTests
{
    private static readonly DateTimeOffset From = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void SaveLoad_KeepsThePerServerAnalogueChoiceAndItsResiduals()
    {
        var cpu = new ResourceModel(ResourceKind.Cpu, null, [[0.5f, -0.5f]], [[1f]], [[0.1f, 0.2f]], ["srv-b", "srv-a"], [[0.25f, -0.25f, 0f]]);
        var memory = new ResourceModel(ResourceKind.Memory, null, [], [], []);

        var loaded = ForecastModel.Load(new ForecastModel("v1", From, From.AddDays(14), [cpu, memory]).Save());

        var c = loaded.For(ResourceKind.Cpu)!;
        Assert.True(c.UsesAnalog("srv-a"));
        Assert.True(c.UsesAnalog("srv-b"));
        Assert.False(c.UsesAnalog("srv-c"));
        Assert.Equal([0.25f, -0.25f, 0f], c.AnalogResiduals[0]);
        Assert.Equal(3, c.AnalogWindows[0].Count);
        Assert.Empty(loaded.For(ResourceKind.Memory)!.AnalogServers);
    }

    [Fact]
    public void Load_AFormatOnePayload_StillLoadsWithNoAnalogueServers()
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            w.Write("PM-FORECAST-MODEL");
            w.Write(1);
            w.Write("old");
            w.Write(From.UtcTicks);
            w.Write(From.AddDays(14).UtcTicks);
            w.Write(1);
            w.Write((int)ResourceKind.Cpu);
            w.Write(false);
            for (var jagged = 0; jagged < 3; jagged++)
            {
                w.Write(1);
                w.Write(1);
                w.Write(0.5f);
            }
        }

        var loaded = ForecastModel.Load(stream.ToArray());

        Assert.Equal("old", loaded.Version);
        Assert.Empty(loaded.For(ResourceKind.Cpu)!.AnalogServers);
        Assert.Empty(loaded.For(ResourceKind.Cpu)!.AnalogResiduals);
    }

    [Fact]
    public void Load_ANewerFormat_IsRefusedNamingIt()
    {
        var payload = new ForecastModel("v", From, From, []).Save();
        // The format number follows the magic string (one length byte + 17 characters).
        BitConverter.GetBytes(99).CopyTo(payload, 18);

        var ex = Assert.Throws<InvalidDataException>(() => ForecastModel.Load(payload));

        Assert.Contains("format 99", ex.Message, StringComparison.Ordinal);
    }
}
