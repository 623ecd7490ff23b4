namespace Delight.Agents.Persistence;

/// <summary>
/// Whole-file replacement that a crash cannot tear: write <c>&lt;path&gt;.tmp</c>, flush it to disk, close it, then
/// rename it over the target. Until the rename the old file is untouched; after it the new one is complete.
/// (Upstream writes <c>spawned.sessions.json</c> and <c>acp.sessions.json</c> in place, ENGINES.md §8.3–8.4.)
/// </summary>
public static class AtomicFile
{
    /// <summary>Bytes per write call; small values only make tests exercise more crash points.</summary>
    public const int DefaultChunkSize = 64 * 1024;

    public static void Write(IFileSystem fileSystem, string path, ReadOnlySpan<byte> content, int chunkSize = DefaultChunkSize)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkSize);
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { Length: > 0 } directory)
        {
            fileSystem.CreateDirectory(directory);
        }

        var temporary = path + ".tmp";
        using (var writer = fileSystem.CreateForWrite(temporary))
        {
            for (var offset = 0; offset < content.Length; offset += chunkSize)
            {
                writer.Write(content.Slice(offset, Math.Min(chunkSize, content.Length - offset)));
            }

            writer.FlushToDisk();
        }

        fileSystem.Replace(temporary, path);
    }

    /// <summary>Moves a damaged file aside (<c>&lt;path&gt;.corrupt</c>, <c>.corrupt.1</c>, ...) so that no later save
    /// overwrites what could not be read. Returns the new path.</summary>
    public static string Quarantine(IFileSystem fileSystem, string path)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        var candidate = path + ".corrupt";
        for (var n = 1; fileSystem.FileExists(candidate); n++)
        {
            candidate = path + ".corrupt." + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        fileSystem.Move(path, candidate);
        return candidate;
    }
}
