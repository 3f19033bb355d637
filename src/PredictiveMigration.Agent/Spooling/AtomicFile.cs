namespace PredictiveMigration.Agent.Spooling;

/// <summary>Writes a file so that readers (and a crash) see either the old content or the whole new content.</summary>
internal static class AtomicFile
{
    /// <summary>The extension of the temporary files; leftovers from a crash are removed at start.</summary>
    public const string TemporaryExtension = ".tmp";

    /// <summary>Writes a temporary file next to <paramref name="path"/>, flushes it to disk, then renames it over <paramref name="path"/>.</summary>
    public static async Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var temporary = TemporaryPath(path);
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>The synchronous form, for small state files.</summary>
    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        var temporary = TemporaryPath(path);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static string TemporaryPath(string path) => $"{path}.{Guid.NewGuid():N}{TemporaryExtension}";

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover temporary file is removed at the next start.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
