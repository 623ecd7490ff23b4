using System.Collections.Immutable;
using Delight.Runtime.Actor;
using Delight.Runtime.Mailbox;
using Delight.Sim.Clock;
using Delight.Sim.Exploration;
using Delight.Sim.Swarm;

namespace Delight.Scenarios.Tests.Plumbing;

/// <summary>A counter on the real ActorLoop over SimulationMailboxes: increments are serialized, so no bug.</summary>
internal sealed class ActorCounterToy : IScenario
{
    public string Name => "toy-actor-counter";

    public string Description => "two producers post increments to one ActorLoop";

    public IReadOnlyList<string> Invariants => ["toy-count"];

    public SwarmProfile Profile => SwarmProfile.None;

    public async Task RunAsync(SimContext context)
    {
        var factory = SimulationMailboxFactory.Instance;
        var inbox = factory.Create<int>(new MailboxOptions("toy-inbox", 2));
        var effects = factory.Create<ImmutableArray<string>>(new MailboxOptions("toy-effects", 2));
        var loop = new ActorLoop<Counter, int, string>(new Counter(0), new CounterReducer(), inbox, effects);
        var handler = new RecordingHandler();
        var runner = new EffectsRunner<string>(effects, handler);
        var loopTask = loop.RunAsync();
        var runnerTask = runner.RunAsync();
        var a = Task.Run(async () => { for (var i = 0; i < 3; i++) { await loop.PostAsync(1); } });
        var b = Task.Run(async () => { for (var i = 0; i < 3; i++) { await loop.PostAsync(10); } });
        await Awaits.AllAsync(a, b);
        inbox.Complete();
        await loopTask;
        await runnerTask;
        context.Invariants.Check(loop.State.Value == 33, "toy-count", $"expected 33, got {loop.State.Value}");
        context.Invariants.Check(handler.Seen == 6, "toy-count", $"expected 6 effects, got {handler.Seen}");
    }

    private sealed record Counter(int Value);

    private sealed class CounterReducer : IReducer<Counter, int, string>
    {
        public Transition<Counter, string> Reduce(Counter state, int @event) =>
            new(state with { Value = state.Value + @event }, [$"added {@event}"]);
    }

    private sealed class RecordingHandler : ICommandHandler<string>
    {
        public int Seen { get; private set; }

        public ValueTask HandleAsync(string command, CancellationToken cancellationToken)
        {
            Seen++;
            return default;
        }
    }
}

/// <summary>A deliberate lost update (read, yield, write) that Coyote must find, and whose trace must replay.</summary>
internal sealed class LostUpdateToy : IScenario
{
    private readonly object _gate = new();

    public string Name => "toy-lost-update";

    public string Description => "two tasks do read-yield-write on a shared counter";

    public IReadOnlyList<string> Invariants => ["toy-lost-update"];

    public SwarmProfile Profile => SwarmProfile.None;

    public async Task RunAsync(SimContext context)
    {
        var counter = new Box();
        async Task IncrementAsync()
        {
            int read;
            lock (_gate)
            {
                read = counter.Value;
            }

            await Task.Yield();
            lock (_gate)
            {
                counter.Value = read + 1;
            }
        }

        await Awaits.AllAsync(Task.Run(IncrementAsync), Task.Run(IncrementAsync));
        context.Log.Add("toy", "final", counter.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        context.Invariants.Check(counter.Value == 2, "toy-lost-update", $"expected 2, got {counter.Value}");
    }

    private sealed class Box
    {
        public int Value { get; set; }
    }
}

/// <summary>The virtual clock under Coyote: a timeout racing a completion, both outcomes reachable, never both.</summary>
internal sealed class ClockRaceToy : IScenario
{
    public string Name => "toy-clock-race";

    public string Description => "a virtual 5 s timeout races a reply";

    public IReadOnlyList<string> Invariants => ["toy-timeout-first"];

    public SwarmProfile Profile => SwarmProfile.None;

    public async Task RunAsync(SimContext context)
    {
        // A driver without the world's activity bias: every turn may fire, so both outcomes are common.
        var clock = new ClockDriver(context.Clock, context.Random);
        var driver = clock.RunAsync();
        var reply = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var timeout = new CancellationTokenSource();
        using var timer = context.Clock.CreateTimer(_ => reply.TrySetResult(false), null, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);
        var replier = Task.Run(async () =>
        {
            await Task.Yield();
            reply.TrySetResult(true);
        });
        var replied = await reply.Task;
        await replier;
        context.Log.Add("toy", replied ? "reply-first" : "timeout-first");
        clock.Stop();
        await driver;
        context.Invariants.Check(replied, "toy-timeout-first", "the timeout fired before the reply");
    }
}
