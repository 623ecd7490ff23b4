using System.Collections.Immutable;
using Delight.Runtime.Mailbox;
using Delight.Runtime.Mutants;

namespace Delight.Runtime.Actor;

/// <summary>
/// The single-writer loop: one logical thread owns the state, takes events from one inbox in FIFO order, reduces
/// each, commits the next state, then hands the commands to the effects runner as one batch. Because the commit
/// happens before the batch is posted, every reply (a command) is observed only after its state is visible.
/// </summary>
public sealed class ActorLoop<TState, TEvent, TCommand>
    where TState : class
{
    private readonly IReducer<TState, TEvent, TCommand> _reducer;
    private readonly IMailbox<TEvent> _inbox;
    private readonly IMailbox<ImmutableArray<TCommand>> _effects;
    private readonly ICommandHandler<TCommand>? _inlineHandler;
    private readonly IActorObserver<TState, TEvent, TCommand>? _observer;
    private TState _state;
    private long _reductions;

    /// <param name="inlineHandler">Only used by the <see cref="Mutant.EffectsRunInline"/> seeded defect.</param>
    public ActorLoop(
        TState initial,
        IReducer<TState, TEvent, TCommand> reducer,
        IMailbox<TEvent> inbox,
        IMailbox<ImmutableArray<TCommand>> effects,
        IActorObserver<TState, TEvent, TCommand>? observer = null,
        ICommandHandler<TCommand>? inlineHandler = null)
    {
        ArgumentNullException.ThrowIfNull(initial);
        _state = initial;
        _reducer = reducer ?? throw new ArgumentNullException(nameof(reducer));
        _inbox = inbox ?? throw new ArgumentNullException(nameof(inbox));
        _effects = effects ?? throw new ArgumentNullException(nameof(effects));
        _observer = observer;
        _inlineHandler = inlineHandler;
    }

    /// <summary>The committed state. Safe to read from any thread; it is immutable.</summary>
    public TState State => Volatile.Read(ref _state);

    /// <summary>How many events have been reduced.</summary>
    public long Reductions => Volatile.Read(ref _reductions);

    /// <summary>The inbox, for producers.</summary>
    public IMailbox<TEvent> Inbox => _inbox;

    /// <summary>Posts an event (waits for room when the inbox is full; never drops).</summary>
    public ValueTask PostAsync(TEvent @event, CancellationToken cancellationToken = default) =>
        _inbox.PostAsync(@event, cancellationToken);

    /// <summary>Runs until the inbox is completed and drained, or <paramref name="cancellationToken"/> fires.
    /// Completes the effects mailbox on the way out.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            while (await _inbox.WaitToReceiveAsync(cancellationToken).ConfigureAwait(false))
            {
                while (_inbox.TryReceive(out var @event))
                {
                    await StepAsync(@event, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _effects.Complete();
        }
    }

    private async ValueTask StepAsync(TEvent @event, CancellationToken cancellationToken)
    {
        var previous = _state;
        var transition = _reducer.Reduce(previous, @event);
        var next = transition.State ?? throw new InvalidOperationException("A reducer returned a null state.");

        if (transition.HasCommands && MutantSwitches.IsArmed(Mutant.ReplyBeforeCommit) && _inlineHandler is not null)
        {
            // Seeded defect (HIST #25): commands run before the next state is stored.
            foreach (var command in transition.Commands)
            {
                await _inlineHandler.HandleAsync(command, cancellationToken).ConfigureAwait(false);
            }

            Commit(previous, @event, next, transition.Commands);
            return;
        }

        Commit(previous, @event, next, transition.Commands);
        if (!transition.HasCommands)
        {
            return;
        }

        if (_inlineHandler is not null && MutantSwitches.IsArmed(Mutant.EffectsRunInline))
        {
            // Seeded defect (HIST #19/#21): effects run on the loop, so a slow effect stalls every transition.
            foreach (var command in transition.Commands)
            {
                await _inlineHandler.HandleAsync(command, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        await _effects.PostAsync(transition.Commands, cancellationToken).ConfigureAwait(false);
    }

    private void Commit(TState previous, TEvent @event, TState next, ImmutableArray<TCommand> commands)
    {
        Volatile.Write(ref _state, next);
        _reductions++;
        _observer?.OnTransition(previous, @event, next, commands.IsDefault ? [] : commands.AsSpan());
    }
}
