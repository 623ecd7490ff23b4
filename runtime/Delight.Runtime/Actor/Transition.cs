using System.Collections.Immutable;

namespace Delight.Runtime.Actor;

/// <summary>What one reduction produced: the next state and the commands for the effects runner, in order.</summary>
public readonly record struct Transition<TState, TCommand>(TState State, ImmutableArray<TCommand> Commands)
{
    public static Transition<TState, TCommand> Unchanged(TState state) => new(state, ImmutableArray<TCommand>.Empty);

    public bool HasCommands => !Commands.IsDefaultOrEmpty;
}
