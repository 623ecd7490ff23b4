using System.Collections.Immutable;
using Delight.Benchmarks.Infrastructure;
using Delight.Runtime.Actor;

namespace Delight.Benchmarks.Loop;

/// <summary>A reducer that does no work and emits no command: what is left is the loop's own machinery.
/// It counts events only so the benchmark knows when the invocation is drained (the raw baseline counts too).</summary>
public sealed class NoOpReducer(DrainSignal drained) : IReducer<BenchState, BenchEvent, BenchCommand>
{
    public Transition<BenchState, BenchCommand> Reduce(BenchState state, BenchEvent @event)
    {
        SlowedLoop.MaybeDelay();
        drained.Count();
        return Transition<BenchState, BenchCommand>.Unchanged(state);
    }
}

/// <summary>A reducer that emits one command per event; the command batch is a cached one-element array so the
/// figure measures handing commands to the effects runner, not building them.</summary>
public sealed class OneCommandReducer : IReducer<BenchState, BenchEvent, BenchCommand>
{
    private static readonly ImmutableArray<BenchCommand> OneCommand = [new BenchCommand(0)];

    public Transition<BenchState, BenchCommand> Reduce(BenchState state, BenchEvent @event)
    {
        SlowedLoop.MaybeDelay();
        return new Transition<BenchState, BenchCommand>(state, OneCommand);
    }
}

/// <summary>The effects side of the one-command variant: executes nothing, counts commands.</summary>
public sealed class CountingCommandHandler(DrainSignal drained) : ICommandHandler<BenchCommand>
{
    public ValueTask HandleAsync(BenchCommand command, CancellationToken cancellationToken)
    {
        drained.Count();
        return default;
    }
}
