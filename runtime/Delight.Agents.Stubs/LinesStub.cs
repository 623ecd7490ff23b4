
namespace Delight.Agents.Stubs;

/// <summary>
/// A plain child for the process adapter tests: writes <c>--stderr TEXT</c> to stderr, then <c>--count N</c> JSON lines
/// whose text is <c>--size S</c> characters long (a blank line between each, which readers skip), then echoes every
/// stdin line back as <c>{"echo":…}</c> until end of file or <c>"exit"</c>; exits with <c>--exit C</c>. With
/// <c>--ignore-eof</c> it keeps running after stdin closes (so only a signal ends it).
/// </summary>
internal static class LinesStub
{
    public static async Task<int> RunAsync(StubArguments args)
    {
        var io = new StubIo(null);
        if (args.Get("--stderr") is { } text)
        {
            await Console.Error.WriteLineAsync(text).ConfigureAwait(false);
            await Console.Error.FlushAsync().ConfigureAwait(false);
        }

        var size = args.GetInt("--size", 10);
        for (var i = 0; i < args.GetInt("--count", 0); i++)
        {
            io.Send("{\"n\":" + i + ",\"text\":\"" + new string('y', size) + "\"}");
            io.Send(string.Empty);
        }

        var reading = io.StartReading();
        await foreach (var line in io.Input.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (line == "exit")
            {
                break;
            }

            io.Send("{\"echo\":" + System.Text.Json.JsonSerializer.Serialize(line) + "}");
        }

        if (args.Has("--ignore-eof"))
        {
            await Task.Delay(Timeout.Infinite).ConfigureAwait(false);
        }

        _ = reading;
        return args.GetInt("--exit", 0);
    }
}
