using Delight.Agents.Persistence;

namespace Delight.Agents.Tests.Spawn;

/// <summary>Thrown where the writer "dies".</summary>
internal sealed class SimulatedCrashException : Exception
{
    public SimulatedCrashException()
        : base("simulated crash")
    {
    }

    public SimulatedCrashException(string message)
        : base(message)
    {
    }

    public SimulatedCrashException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// A real file system that kills the writer at mutating step <see cref="CrashAtStep"/> (1-based): create, each write,
/// flush, close, rename. A crash during a write leaves half of that chunk on disk, like a torn write; after the crash
/// every later step is refused, as if the process were gone (the OS still closes its file).
/// </summary>
internal sealed class CrashingFileSystem(int crashAtStep) : IFileSystem
{
    private readonly PhysicalFileSystem _inner = PhysicalFileSystem.Instance;

    public int CrashAtStep { get; } = crashAtStep;

    public int Steps { get; private set; }

    public bool Crashed { get; private set; }

    public bool FileExists(string path) => _inner.FileExists(path);

    public byte[] ReadAllBytes(string path) => _inner.ReadAllBytes(path);

    public void CreateDirectory(string path) => _inner.CreateDirectory(path);

    public IFileWriter CreateForWrite(string path)
    {
        Step();
        return new Writer(this, _inner.CreateForWrite(path));
    }

    public void Replace(string source, string destination)
    {
        Step();
        _inner.Replace(source, destination);
    }

    public void Move(string source, string destination)
    {
        Step();
        _inner.Move(source, destination);
    }

    private void Step(Action? tornWrite = null)
    {
        if (Crashed)
        {
            throw new SimulatedCrashException("the writer is dead");
        }

        Steps++;
        if (Steps == CrashAtStep)
        {
            Crashed = true;
            tornWrite?.Invoke();
            throw new SimulatedCrashException("killed at step " + Steps);
        }
    }

    private sealed class Writer(CrashingFileSystem owner, IFileWriter inner) : IFileWriter
    {
        public void Write(ReadOnlySpan<byte> bytes)
        {
            var copy = bytes.ToArray();
            owner.Step(() => inner.Write(copy.AsSpan(0, copy.Length / 2)));
            inner.Write(copy);
        }

        public void FlushToDisk()
        {
            owner.Step();
            inner.FlushToDisk();
        }

        public void Dispose()
        {
            if (owner.Crashed)
            {
                inner.Dispose(); // the OS closes a dead process's files
                return;
            }

            owner.Step();
            inner.Dispose();
        }
    }
}
