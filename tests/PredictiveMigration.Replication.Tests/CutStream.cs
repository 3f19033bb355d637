namespace PredictiveMigration.Replication.Tests;

/// <summary>Passes the first <c>limit</c> bytes through, then fails like a dropped connection.</summary>
internal sealed class CutStream(Stream inner, long limit) : Stream
{
    private long _written;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _written; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var allowed = (int)Math.Min(buffer.Length, limit - _written);
        if (allowed > 0)
        {
            inner.Write(buffer[..allowed]);
            _written += allowed;
        }

        if (allowed < buffer.Length)
        {
            inner.Flush();
            throw new IOException($"link cut after {limit} bytes");
        }
    }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
