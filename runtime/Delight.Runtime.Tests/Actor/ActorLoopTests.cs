using System.Collections.Immutable;
using Delight.Runtime.Actor;
using Delight.Runtime.Mailbox;
using NUnit.Framework;

namespace Delight.Runtime.Tests.Actor;

public sealed class ActorLoopTests
{
    private sealed record Counter(int Value);

    private sealed record Reply(int ExpectedValue, TaskCompletionSource<int> Caller);

    /// <summary>Adds each event to the counter and asks for a reply carrying the value it produced.</summary>
    private sealed class CountingReducer : IReducer<Counter, (int Add, TaskCompletionSource<int> Caller), Reply>
    {
        public Transition<Counter, Reply> Reduce(Counter state, (int Add, TaskCompletionSource<int> Caller) @event)
        {
            var next = new Counter(state.Value + @event.Add);
            return new(next, [new Reply(next.Value, @event.Caller)]);
        }
    }

    /// <summary>Completes the caller with the state the loop has committed at the moment the reply runs.</summary>
    private sealed class ReplyWithCommittedState(Func<Counter> committed) : ICommandHandler<Reply>
    {
        public ValueTask HandleAsync(Reply command, CancellationToken cancellationToken)
        {
            command.Caller.TrySetResult(committed().Value);
            return default;
        }
    }

    private sealed class RecordingObserver : IActorObserver<Counter, (int, TaskCompletionSource<int>), Reply>
    {
        public List<(int Previous, int Next, int Commands)> Seen { get; } = [];

        public void OnTransition(Counter previous, (int, TaskCompletionSource<int>) @event, Counter next, ReadOnlySpan<Reply> commands) =>
            Seen.Add((previous.Value, next.Value, commands.Length));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Replies_observe_the_committed_state_and_events_are_reduced_in_order(bool simulationMailboxes)
    {
        IMailboxFactory factory = simulationMailboxes ? SimulationMailboxFactory.Instance : ChannelMailboxFactory.Instance;
        var inbox = factory.Create<(int, TaskCompletionSource<int>)>(new MailboxOptions("inbox", 4));
        var effects = factory.Create<ImmutableArray<Reply>>(new MailboxOptions("effects", 4));
        var observer = new RecordingObserver();
        ActorLoop<Counter, (int, TaskCompletionSource<int>), Reply>? loop = null;
        loop = new(new Counter(0), new CountingReducer(), inbox, effects, observer);
        var runner = new EffectsRunner<Reply>(effects, new ReplyWithCommittedState(() => loop.State));

        var loopTask = loop.RunAsync();
        var runnerTask = runner.RunAsync();
        var callers = new List<TaskCompletionSource<int>>();
        for (var i = 1; i <= 20; i++)
        {
            var caller = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            callers.Add(caller);
            await loop.PostAsync((i, caller));
        }

        var replies = await Task.WhenAll(callers.Select(c => c.Task)).WaitAsync(TimeSpan.FromSeconds(10));
        inbox.Complete();
        await Task.WhenAll(loopTask, runnerTask).WaitAsync(TimeSpan.FromSeconds(10));

        var expected = Enumerable.Range(1, 20).Select(n => n * (n + 1) / 2).ToArray();
        for (var i = 0; i < replies.Length; i++)
        {
            Assert.That(replies[i], Is.GreaterThanOrEqualTo(expected[i]), $"reply {i} saw a state older than the one it reports");
        }

        Assert.That(loop.State.Value, Is.EqualTo(210));
        Assert.That(loop.Reductions, Is.EqualTo(20));
        Assert.That(observer.Seen.Select(s => s.Next), Is.EqualTo(expected));
        Assert.That(observer.Seen.All(s => s.Commands == 1), Is.True);
    }
}
