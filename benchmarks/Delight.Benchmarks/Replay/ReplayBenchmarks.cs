using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Delight.Runtime.Actor;
using Delight.Runtime.Capture;
using Delight.Runtime.Mailbox;
using Delight.Runtime.Session;
using Delight.Sim.Replay;

namespace Delight.Benchmarks.Replay;

/// <summary>
/// Captured events replayed per second from an already-parsed capture (<see cref="CaptureReplayer"/> on the
/// production mailboxes: the real reducer on the loop, every output compared with the recorded one), against the
/// same events posted straight into a fresh loop with the same reducer and initial state (the baseline).
/// Each invocation replays the whole capture from its initial state.
/// </summary>
[MemoryDiagnoser]
public class ReplayBenchmarks
{
    private CaptureFile _capture = null!;
    private SessionEvent[] _events = [];

    [GlobalSetup]
    public void Setup()
    {
        _capture = ReplayWorkload.Record();
        _events = _capture.Inputs.Select(r => r.Event!).ToArray();
        var report = CaptureReplayer.ReplayAsync(_capture, "bench", ChannelMailboxFactory.Instance).GetAwaiter().GetResult();
        if (!report.IsClean || _events.Length != ReplayWorkload.Events)
        {
            throw new InvalidOperationException($"the recorded capture does not replay cleanly: {report}");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = ReplayWorkload.Events)]
    public async Task RawDirectPost()
    {
        var inbox = ChannelMailboxFactory.Instance.Create<SessionEvent>(new MailboxOptions("direct-inbox", 1024));
        var effects = ChannelMailboxFactory.Instance.Create<ImmutableArray<SessionCommand>>(new MailboxOptions("direct-effects", 1024));
        var loop = new ActorLoop<SessionState, SessionEvent, SessionCommand>(_capture.Header.Initial.ToState(), SessionReducer.Instance, inbox, effects);
        var running = loop.RunAsync();
        var draining = DrainAsync(effects);
        foreach (var e in _events)
        {
            await inbox.PostAsync(e).ConfigureAwait(false);
        }

        inbox.Complete();
        await running.ConfigureAwait(false);
        await draining.ConfigureAwait(false);
    }

    [Benchmark(OperationsPerInvoke = ReplayWorkload.Events)]
    public Task<ReplayReport> ReplayParsedCapture() =>
        CaptureReplayer.ReplayAsync(_capture, "bench", ChannelMailboxFactory.Instance);

    private static async Task DrainAsync(IMailbox<ImmutableArray<SessionCommand>> effects)
    {
        while (await effects.WaitToReceiveAsync().ConfigureAwait(false))
        {
            while (effects.TryReceive(out _))
            {
            }
        }
    }
}
