using System.Collections.Immutable;
using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using Delight.Benchmarks.Infrastructure;
using Delight.Runtime.Actor;
using Delight.Runtime.Agents;
using Delight.Runtime.Mailbox;
using Delight.Runtime.Session;

namespace Delight.Benchmarks.Loop;

/// <summary>
/// The loop with the real <see cref="SessionReducer"/> on the production inbox, in a remote-running session: the
/// agent streams outbound records (one EmitMessage command each, handed to the effects runner) interleaved with
/// working on/off events. Events are prebuilt and cycled, so producing them allocates nothing; what the
/// MemoryDiagnoser reports per event is the reducer's immutable state updates and commands plus the loop's machinery.
/// The raw channel carries the same event objects. Reported (events per second, bytes per event), not targeted.
/// </summary>
[MemoryDiagnoser]
public class SessionReducerBenchmarks
{
    private const int DistinctEvents = 1024;

    private readonly List<Task> _running = [];
    private Action _complete = () => { };
    private DrainSignal _drained = null!;
    private SessionEvent[] _events = [];
    private Channel<SessionEvent> _raw = null!;
    private IMailbox<SessionEvent> _inbox = null!;

    [GlobalSetup(Target = nameof(RawChannel))]
    public void SetupRawChannel()
    {
        Prepare();
        _raw = Channel.CreateBounded<SessionEvent>(new BoundedChannelOptions(LoopWorkload.Capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
            AllowSynchronousContinuations = false,
        });
        var reader = _raw.Reader;
        var drained = _drained;
        _running.Add(Task.Run(async () =>
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out _))
                {
                    drained.Count();
                }
            }
        }));
        _complete = () => _raw.Writer.TryComplete();
    }

    [GlobalSetup(Target = nameof(LoopSessionReducer))]
    public void SetupLoopSessionReducer()
    {
        Prepare();
        _inbox = ChannelMailboxFactory.Instance.Create<SessionEvent>(new MailboxOptions("bench-session-inbox", LoopWorkload.Capacity));
        var effects = ChannelMailboxFactory.Instance.Create<ImmutableArray<SessionCommand>>(new MailboxOptions("bench-session-effects", LoopWorkload.Capacity));
        var loop = new ActorLoop<SessionState, SessionEvent, SessionCommand>(
            RemoteRunning(), new CountingReducer(SessionReducer.Instance, _drained), _inbox, effects);
        var runner = new EffectsRunner<SessionCommand>(effects, new DiscardingHandler());
        _running.Add(Task.Run(() => loop.RunAsync()));
        _running.Add(Task.Run(() => runner.RunAsync()));
        _complete = _inbox.Complete;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = LoopWorkload.EventsPerInvoke)]
    public async Task RawChannel()
    {
        var writer = _raw.Writer;
        for (var i = 0; i < LoopWorkload.EventsPerInvoke; i++)
        {
            var e = _events[i % DistinctEvents];
            if (!writer.TryWrite(e))
            {
                await writer.WriteAsync(e).ConfigureAwait(false);
            }
        }

        await _drained.WaitAsync().ConfigureAwait(false);
    }

    [Benchmark(OperationsPerInvoke = LoopWorkload.EventsPerInvoke)]
    public async Task LoopSessionReducer()
    {
        for (var i = 0; i < LoopWorkload.EventsPerInvoke; i++)
        {
            await _inbox.PostAsync(_events[i % DistinctEvents]).ConfigureAwait(false);
        }

        await _drained.WaitAsync().ConfigureAwait(false);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _complete();
        Task.WaitAll([.. _running]);
        _running.Clear();
        _drained.Dispose();
    }

    private void Prepare()
    {
        _drained = new DrainSignal(LoopWorkload.EventsPerInvoke);
        const long generation = 2;
        _events = Enumerable.Range(0, DistinctEvents)
            .Select(i => i % 4 == 3
                ? (SessionEvent)new EngineWorking(generation, AgentMode.Remote, i % 8 == 3, 1_000_000 + i)
                : new OutboundRecordReady(generation, AgentMode.Remote, $"lid-{i}",
                    "{\"role\":\"agent\",\"content\":{\"type\":\"output\",\"data\":{\"type\":\"assistant\",\"text\":\"working on it\"}}}",
                    null, 1_000_000 + i))
            .ToArray();
    }

    /// <summary>A session that is running the remote agent with the session socket connected.</summary>
    private static SessionState RemoteRunning()
    {
        var initial = SessionState.Initial(SessionSettings.Create("bench-session", "claude", "/work"));
        return initial with
        {
            Fsm = FsmState.RemoteRunning,
            RunnerGen = 2,
            Mode = AgentMode.Remote,
            AgentState = initial.AgentState with { ControlledByUser = false },
            Connection = initial.Connection with { SessionSocket = true, SessionConnects = 1 },
        };
    }

    /// <summary>Counts reduced events for the drain signal; the real reducer does the work.</summary>
    private sealed class CountingReducer(SessionReducer inner, DrainSignal drained)
        : IReducer<SessionState, SessionEvent, SessionCommand>
    {
        public Transition<SessionState, SessionCommand> Reduce(SessionState state, SessionEvent @event)
        {
            SlowedLoop.MaybeDelay();
            var transition = inner.Reduce(state, @event);
            drained.Count();
            return transition;
        }
    }

    private sealed class DiscardingHandler : ICommandHandler<SessionCommand>
    {
        public ValueTask HandleAsync(SessionCommand command, CancellationToken cancellationToken) => default;
    }
}
