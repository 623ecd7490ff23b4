namespace Delight.Agents.Persistence;

/// <summary>The file operations the local stores use, as a seam: tests inject a file system that fails at any step of a
/// write to prove that the previous or the new file is always readable.</summary>
public interface IFileSystem
{
    bool FileExists(string path);

    byte[] ReadAllBytes(string path);

    void CreateDirectory(string path);

    /// <summary>Creates (or truncates) a file for writing, owner-only where the platform allows (mode 0600).</summary>
    IFileWriter CreateForWrite(string path);

    /// <summary>Atomically renames <paramref name="source"/> over <paramref name="destination"/>.</summary>
    void Replace(string source, string destination);

    /// <summary>Renames without overwriting an existing destination.</summary>
    void Move(string source, string destination);
}

public interface IFileWriter : IDisposable
{
    void Write(ReadOnlySpan<byte> bytes);

    /// <summary>Flushes through to the disk (fsync).</summary>
    void FlushToDisk();
}
