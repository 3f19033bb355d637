namespace PredictiveMigration.Replication;

/// <summary>How sent blocks are compressed on the wire.</summary>
public enum BlockCompression
{
    /// <summary>Blocks travel raw.</summary>
    None = 0,

    /// <summary>Brotli at <see cref="ReplicationOptions.BrotliQuality"/>; a block that does not shrink goes raw.</summary>
    Brotli = 1,

    /// <summary>Deflate (zlib-ng, fastest level); a block that does not shrink goes raw.</summary>
    Deflate = 2,
}
