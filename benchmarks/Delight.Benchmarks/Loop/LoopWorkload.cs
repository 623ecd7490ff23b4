using System.Threading.Channels;

namespace Delight.Benchmarks.Loop;

/// <summary>Something producers post events into. A struct constraint lets the JIT specialise the producer loop
/// per sink, so the raw-channel baseline pays no interface dispatch the loop does not pay too.</summary>
public interface IEventSink
{
    ValueTask PostAsync(BenchEvent @event);
}

/// <summary>Posts into a raw channel writer the way <c>ChannelMailbox.PostAsync</c> does: TryWrite, then wait.</summary>
public readonly struct ChannelSink(ChannelWriter<BenchEvent> writer) : IEventSink
{
    public ValueTask PostAsync(BenchEvent @event) =>
        writer.TryWrite(@event) ? default : writer.WriteAsync(@event);
}

/// <summary>Posts into any mailbox (the loop's inbox).</summary>
public readonly struct MailboxSink(Delight.Runtime.Mailbox.IMailbox<BenchEvent> inbox) : IEventSink
{
    public ValueTask PostAsync(BenchEvent @event) => inbox.PostAsync(@event);
}

/// <summary>The producer side shared by every loop and inbox benchmark.</summary>
public static class LoopWorkload
{
    /// <summary>Events per benchmark invocation (the OperationsPerInvoke of every loop benchmark).</summary>
    public const int EventsPerInvoke = 100_000;

    /// <summary>Inbox and effects capacity, the same for the raw channel, the production and the simulation inbox.</summary>
    public const int Capacity = 1024;

    /// <summary>Posts <see cref="EventsPerInvoke"/> events split across <paramref name="producers"/> producers,
    /// then waits until the consumer has seen them all.</summary>
    public static async Task ProduceAndDrainAsync<TSink>(TSink sink, int producers, DrainSignal drained)
        where TSink : struct, IEventSink
    {
        if (producers == 1)
        {
            await ProduceAsync(sink, 0, EventsPerInvoke).ConfigureAwait(false);
        }
        else
        {
            var share = EventsPerInvoke / producers;
            var tasks = new Task[producers];
            for (var p = 0; p < producers; p++)
            {
                var start = p * share;
                var count = p == producers - 1 ? EventsPerInvoke - start : share;
                tasks[p] = Task.Run(() => ProduceAsync(sink, start, count));
            }

            await Task.WhenAll(tasks).ConfigureAwait(false);
        }

        await drained.WaitAsync().ConfigureAwait(false);
    }

    private static async Task ProduceAsync<TSink>(TSink sink, int start, int count)
        where TSink : struct, IEventSink
    {
        var end = start + count;
        for (var i = start; i < end; i++)
        {
            await sink.PostAsync(new BenchEvent(i)).ConfigureAwait(false);
        }
    }
}
