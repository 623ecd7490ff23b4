namespace Delight.Agents.Persistence;

public sealed class PhysicalFileSystem : IFileSystem
{
    public static PhysicalFileSystem Instance { get; } = new();

    public bool FileExists(string path) => File.Exists(path);

    public byte[] ReadAllBytes(string path) => File.ReadAllBytes(path);

    public void CreateDirectory(string path) => Directory.CreateDirectory(path);

    public IFileWriter CreateForWrite(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new Writer(new FileStream(path, options));
    }

    public void Replace(string source, string destination) => File.Move(source, destination, overwrite: true);

    public void Move(string source, string destination) => File.Move(source, destination, overwrite: false);

    private sealed class Writer(FileStream stream) : IFileWriter
    {
        public void Write(ReadOnlySpan<byte> bytes) => stream.Write(bytes);

        public void FlushToDisk() => stream.Flush(flushToDisk: true);

        public void Dispose() => stream.Dispose();
    }
}
