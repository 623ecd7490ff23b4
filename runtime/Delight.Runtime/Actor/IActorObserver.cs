namespace Delight.Runtime.Actor;

/// <summary>
/// Sees every reduction, on the loop, after the new state is committed and before its commands reach the effects
/// runner. Used by the invariant checker, the capture recorder and the determinism hash. Must not block.
/// </summary>
public interface IActorObserver<in TState, in TEvent, TCommand>
{
    void OnTransition(TState previous, TEvent @event, TState next, ReadOnlySpan<TCommand> commands);
}
