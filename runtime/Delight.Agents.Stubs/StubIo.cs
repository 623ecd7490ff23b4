using System.Text;
using System.Threading.Channels;

namespace Delight.Agents.Stubs;

/// <summary>Line I/O for the stubs: stdout writes serialised and flushed per line, stdin read on one task into a
/// channel (completed at end of file), every received line optionally appended to a record file for the tests.</summary>
internal sealed class StubIo
{
    private readonly object _gate = new();
    private readonly TextWriter _out;
    private readonly string? _recordPath;

    public StubIo(string? recordPath)
    {
        _out = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
        _recordPath = recordPath;
    }

    public Channel<string> Input { get; } = Channel.CreateUnbounded<string>();

    public void Send(string line)
    {
        lock (_gate)
        {
            _out.WriteLine(line);
        }
    }

    public Task StartReading() => Task.Run(async () =>
    {
        using var reader = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false));
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (_recordPath is not null)
            {
                lock (_gate)
                {
                    File.AppendAllText(_recordPath, line + "\n");
                }
            }

            await Input.Writer.WriteAsync(line).ConfigureAwait(false);
        }

        Input.Writer.TryComplete();
    });
}
