namespace Delight.Runtime.Actor;

/// <summary>
/// A pure function (state, event) -> (state, commands). No I/O, no clock reads, no id or random source: time, ids
/// and random draws arrive inside events. It never mutates the state it is given.
/// </summary>
public interface IReducer<TState, in TEvent, TCommand>
{
    Transition<TState, TCommand> Reduce(TState state, TEvent @event);
}
