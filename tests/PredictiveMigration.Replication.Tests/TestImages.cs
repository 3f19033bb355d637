namespace PredictiveMigration.Replication.Tests;

/// <summary>Seeded disk-like content: zero runs, text (compressible), records (semi-compressible) and random bytes.</summary>
internal static class TestImages
{
    public static byte[] Create(int length, int seed)
    {
        var data = new byte[length];
        Fill(data, new Random(seed));
        return data;
    }

    public static void Fill(Span<byte> data, Random random)
    {
        var at = 0;
        while (at < data.Length)
        {
            var run = Math.Min(data.Length - at, random.Next(1_000, 40_000));
            var span = data.Slice(at, run);
            switch (random.Next(4))
            {
                case 0:
                    span.Clear();
                    break;
                case 1:
                    for (var i = 0; i < span.Length; i++)
                    {
                        span[i] = (byte)"2025-01-01 INFO request served in 12 ms\n"[(i + at) % 40];
                    }

                    break;
                case 2:
                    for (var i = 0; i < span.Length; i++)
                    {
                        span[i] = (byte)((i % 16 < 8) ? i / 16 : random.Next(16));
                    }

                    break;
                default:
                    random.NextBytes(span);
                    break;
            }

            at += run;
        }
    }
}
