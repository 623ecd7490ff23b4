using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using Delight.Runtime.Mailbox;

namespace Delight.Benchmarks.Loop;

/// <summary>
/// The inbox alone, without the loop: the production inbox (<see cref="ChannelMailbox{T}"/>) and the simulation
/// inbox (<see cref="SimulationMailbox{T}"/>, run outside Coyote) against the raw bounded single-reader channel
/// they are measured by. One consumer task drains with WaitToReceive + TryReceive, as the loop does.
/// </summary>
[MemoryDiagnoser]
public class InboxBenchmarks
{
    private DrainSignal _drained = null!;
    private Channel<BenchEvent> _raw = null!;
    private IMailbox<BenchEvent> _mailbox = null!;
    private Task _consumer = Task.CompletedTask;
    private Action _complete = () => { };

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
        _consumer = Task.Run(async () =>
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out _))
                {
                    drained.Count();
                }
            }
        });
        _complete = () => _raw.Writer.TryComplete();
    }

    [GlobalSetup(Target = nameof(ProductionInbox))]
    public void SetupProductionInbox() => StartMailbox(ChannelMailboxFactory.Instance);

    [GlobalSetup(Target = nameof(SimulationInbox))]
    public void SetupSimulationInbox() => StartMailbox(SimulationMailboxFactory.Instance);

    [Benchmark(Baseline = true, OperationsPerInvoke = LoopWorkload.EventsPerInvoke)]
    public Task RawChannel() =>
        LoopWorkload.ProduceAndDrainAsync(new ChannelSink(_raw.Writer), Producers, _drained);

    [Benchmark(OperationsPerInvoke = LoopWorkload.EventsPerInvoke)]
    public Task ProductionInbox() =>
        LoopWorkload.ProduceAndDrainAsync(new MailboxSink(_mailbox), Producers, _drained);

    [Benchmark(OperationsPerInvoke = LoopWorkload.EventsPerInvoke)]
    public Task SimulationInbox() =>
        LoopWorkload.ProduceAndDrainAsync(new MailboxSink(_mailbox), Producers, _drained);

    [GlobalCleanup]
    public void Cleanup()
    {
        _complete();
        _consumer.Wait();
        _drained.Dispose();
    }

    private void StartMailbox(IMailboxFactory mailboxes)
    {
        _drained = new DrainSignal(LoopWorkload.EventsPerInvoke);
        _mailbox = mailboxes.Create<BenchEvent>(new MailboxOptions("bench-inbox", LoopWorkload.Capacity));
        var mailbox = _mailbox;
        var drained = _drained;
        _consumer = Task.Run(async () =>
        {
            while (await mailbox.WaitToReceiveAsync().ConfigureAwait(false))
            {
                while (mailbox.TryReceive(out _))
                {
                    drained.Count();
                }
            }
        });
        _complete = mailbox.Complete;
    }
}
