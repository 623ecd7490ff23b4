namespace Delight.Runtime.Actor;

/// <summary>Hands every transition to several observers in order (for example the simulation's invariant checker and
/// a capture recorder on the same loop).</summary>
public sealed class CompositeActorObserver<TState, TEvent, TCommand>(params IActorObserver<TState, TEvent, TCommand>[] observers)
    : IActorObserver<TState, TEvent, TCommand>
{
    private readonly IActorObserver<TState, TEvent, TCommand>[] _observers = observers ?? throw new ArgumentNullException(nameof(observers));

    public void OnTransition(TState previous, TEvent @event, TState next, ReadOnlySpan<TCommand> commands)
    {
        foreach (var observer in _observers)
        {
            observer.OnTransition(previous, @event, next, commands);
        }
    }
}
