namespace PredictiveMigration.Sandbox.Fleet;

/// <summary>
/// Random numbers as a pure function of (seed, server, sample, channel) — SplitMix64 over the mixed inputs — so a
/// sample's noise does not depend on the order or number of earlier draws: a live run and its counterfactual see
/// exactly the same noise.
/// </summary>
public static class DeterministicNoise
{
    /// <summary>A uniform number in [0, 1).</summary>
    public static double Uniform(int seed, int server, long sample, int channel)
    {
        var x = Mix((ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ Mix((ulong)(uint)server + 0x632BE59BD9B4E019UL) ^ Mix((ulong)sample * 0xD6E8FEB86659FD93UL + (ulong)(uint)channel));
        return (x >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>A standard normal number (Box-Muller over two uniforms).</summary>
    public static double Normal(int seed, int server, long sample, int channel)
    {
        var u1 = Math.Max(Uniform(seed, server, sample, channel), 1e-12);
        var u2 = Uniform(seed, server, sample, channel + 7919);
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>A uniform number in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public static double Between(int seed, int server, int channel, double min, double max) => min + ((max - min) * Uniform(seed, server, -1, channel));

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
