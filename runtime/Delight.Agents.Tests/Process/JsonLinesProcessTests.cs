using System.Collections.Concurrent;
using Delight.Agents.Process;
using Delight.Agents.Tests.Support;
using NUnit.Framework;

namespace Delight.Agents.Tests.Process;

[TestFixture]
[Parallelizable(ParallelScope.Self)]
public sealed class JsonLinesProcessTests
{
    private static ProcessStartSpec Lines(params string[] options) => new(StubLocator.DotnetHost, StubLocator.Prefix("lines", options));

    [Test]
    public async Task LongLinesAreDeliveredInOrderAndTheExitFollowsThem()
    {
        var lines = new ConcurrentQueue<string>();
        await using var child = JsonLinesProcess.Start(Lines("--count", "3", "--size", "100000", "--exit", "4"), (line, _) =>
        {
            lines.Enqueue(line);
            return ValueTask.CompletedTask;
        });
        await child.CloseInputAsync();
        var exit = await child.Exited.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.That(exit.ExitCode, Is.EqualTo(4));
        Assert.That(exit.Description, Is.EqualTo("exit status 4"));
        Assert.That(lines.Select(l => l.Length), Is.All.GreaterThan(100000));
        Assert.That(lines.Select(l => l[..7]), Is.EqualTo(new[] { "{\"n\":0,", "{\"n\":1,", "{\"n\":2," }));
    }

    [Test]
    public async Task WritesKeepOrderAndStderrIsCaptured()
    {
        var lines = new ConcurrentQueue<string>();
        await using var child = JsonLinesProcess.Start(Lines("--stderr", "warming up"), (line, _) =>
        {
            lines.Enqueue(line);
            return ValueTask.CompletedTask;
        });
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => child.WriteLineAsync("m" + i, CancellationToken.None).AsTask()));
        await child.WriteLineAsync("exit", CancellationToken.None);
        await child.Exited.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.That(lines, Has.Count.EqualTo(20));
        Assert.That(lines.Select(l => l.Trim()).Distinct().Count(), Is.EqualTo(20));
        Assert.That(child.StderrTail, Does.Contain("warming up"));
        Assert.ThrowsAsync<ProcessInputClosedException>(async () => await child.WriteLineAsync("late", CancellationToken.None));
    }

    [Test]
    public async Task KillSequenceEndsAChildThatIgnoresEndOfFile()
    {
        await using var child = JsonLinesProcess.Start(Lines("--ignore-eof"), (_, _) => ValueTask.CompletedTask);
        await child.WriteLineAsync("ping", CancellationToken.None);
        var exit = await child.KillAsync(KillSequence.ClaudeBridge);

        Assert.That(exit, Is.Not.Null);
        Assert.That(exit!.KilledByUs, Is.True);
        Assert.That(exit.Success, Is.False);
    }

    [Test]
    public void MissingExecutableFailsWithATypedError()
    {
        Assert.Throws<ProcessStartFailedException>(() =>
            JsonLinesProcess.Start(new ProcessStartSpec("/nonexistent/agent-binary", []), (_, _) => ValueTask.CompletedTask));
    }
}
