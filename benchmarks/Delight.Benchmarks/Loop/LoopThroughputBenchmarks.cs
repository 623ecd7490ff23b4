using System.Collections.Immutable;
using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using Delight.Runtime.Actor;
using Delight.Runtime.Mailbox;

namespace Delight.Benchmarks.Loop;

/// <summary>
/// Events per second through the ActorLoop (post, reduce, commit, commands handed to the effects runner) against a
/// raw bounded single-reader <see cref="Channel{T}"/> drained by a plain consumer, in the same run. Each invocation
/// posts <see cref="LoopWorkload.EventsPerInvoke"/> events and waits until the consumer has seen them all; the
/// loop, its effects runner and the raw consumer live across invocations (started in GlobalSetup), so the figure is
/// steady-state throughput and the per-event allocation is the machinery's own.
/// </summary>
[MemoryDiagnoser]
public class LoopThroughputBenchmarks
{
    private readonly List<Task> _running = [];
    private readonly List<Action> _complete = [];
    private DrainSignal _drained = null!;
    private Channel<BenchEvent> _raw = null!;
    private IMailbox<BenchEvent> _inbox = null!;

    [Params(1, 4)]
    public int Producers { get; set; }

    [GlobalSetup(Target = nameof(RawChannel))]
    public void SetupRawChannel()
    {
        _drained = new DrainSignal(LoopWorkload.EventsPerInvoke);
        _raw = Channel.CreateBounded<BenchEvent>(new BoundedChannelOptions(LoopWorkload.Capacity)
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
        _complete.Add(() => _raw.Writer.TryComplete());
    }

    [GlobalSetup(Target = nameof(LoopNoOp))]
    public void SetupLoopNoOp()
    {
        _drained = new DrainSignal(LoopWorkload.EventsPerInvoke);
        StartLoop(ChannelMailboxFactory.Instance, new NoOpReducer(_drained), handler: null);
    }

    [GlobalSetup(Target = nameof(LoopOneCommand))]
    public void SetupLoopOneCommand()
    {
        _drained = new DrainSignal(LoopWorkload.EventsPerInvoke);
        StartLoop(ChannelMailboxFactory.Instance, new OneCommandReducer(), new CountingCommandHandler(_drained));
    }

    [GlobalSetup(Target = nameof(LoopNoOpSimulationInbox))]
    public void SetupLoopNoOpSimulationInbox()
    {
        _drained = new DrainSignal(LoopWorkload.EventsPerInvoke);
        StartLoop(SimulationMailboxFactory.Instance, new NoOpReducer(_drained), handler: null);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = LoopWorkload.EventsPerInvoke)]
    public Task RawChannel() =>
        LoopWorkload.ProduceAndDrainAsync(new ChannelSink(_raw.Writer), Producers, _drained);

    /// <summary>The loop with a reducer that does nothing and emits nothing.</summary>
    [Benchmark(OperationsPerInvoke = LoopWorkload.EventsPerInvoke)]
    public Task LoopNoOp() =>
        LoopWorkload.ProduceAndDrainAsync(new MailboxSink(_inbox), Producers, _drained);

    /// <summary>The loop with one command per event, handed to the effects runner (a second task) and executed.</summary>
    [Benchmark(OperationsPerInvoke = LoopWorkload.EventsPerInvoke)]
    public Task LoopOneCommand() =>
        LoopWorkload.ProduceAndDrainAsync(new MailboxSink(_inbox), Producers, _drained);

    /// <summary>The no-op loop on the simulation inbox (lock + TaskCompletionSource), run outside Coyote.</summary>
    [Benchmark(OperationsPerInvoke = LoopWorkload.EventsPerInvoke)]
    public Task LoopNoOpSimulationInbox() =>
        LoopWorkload.ProduceAndDrainAsync(new MailboxSink(_inbox), Producers, _drained);

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var complete in _complete)
        {
            complete();
        }

        Task.WaitAll([.. _running]);
        _running.Clear();
        _complete.Clear();
        _drained.Dispose();
    }

    private void StartLoop(
        IMailboxFactory mailboxes,
        IReducer<BenchState, BenchEvent, BenchCommand> reducer,
        ICommandHandler<BenchCommand>? handler)
    {
        _inbox = mailboxes.Create<BenchEvent>(new MailboxOptions("bench-inbox", LoopWorkload.Capacity));
        var effects = mailboxes.Create<ImmutableArray<BenchCommand>>(new MailboxOptions("bench-effects", LoopWorkload.Capacity));
        var loop = new ActorLoop<BenchState, BenchEvent, BenchCommand>(new BenchState(0), reducer, _inbox, effects);
        _running.Add(Task.Run(() => loop.RunAsync()));
        if (handler is not null)
        {
            var runner = new EffectsRunner<BenchCommand>(effects, handler);
            _running.Add(Task.Run(() => runner.RunAsync()));
        }

        _complete.Add(_inbox.Complete);
    }
}
