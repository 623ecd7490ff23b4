using System.Collections.Immutable;
using Delight.Runtime.Actor;
using Delight.Runtime.Mailbox;
using Delight.Runtime.Relay.Commands;
using Delight.Runtime.Relay.Events;
using Delight.Runtime.Relay.State;
using Delight.Runtime.Relay.Wire;

namespace Delight.Runtime.Relay;

/// <summary>
/// One account's actor: the <see cref="AccountReducer"/> on an <see cref="ActorLoop{TState,TEvent,TCommand}"/> with
/// a bounded inbox (the ingest queue: producers wait when it is full, nothing is dropped) and an effects runner
/// that hands frames to connection outboxes, completes HTTP replies and writes the store.
/// </summary>
public sealed class AccountRuntime : ICommandHandler<RelayCommand>
{
    private readonly RelayServer _server;
    private readonly RelayOptions _options;
    private readonly ActorLoop<AccountState, RelayEvent, RelayCommand> _loop;
    private readonly Task _loopTask;
    private readonly Task _effectsTask;

    internal AccountRuntime(RelayServer server, RelayOptions options, AccountState initial, IActorObserver<AccountState, RelayEvent, RelayCommand>? observer)
    {
        _server = server;
        _options = options;
        var inbox = options.Mailboxes.Create<RelayEvent>(new MailboxOptions("relay-account:" + initial.AccountId, options.AccountInboxCapacity));
        var effects = options.Mailboxes.Create<ImmutableArray<RelayCommand>>(new MailboxOptions("relay-effects:" + initial.AccountId, options.EffectsCapacity));
        _loop = new ActorLoop<AccountState, RelayEvent, RelayCommand>(initial, new AccountReducer(), inbox, effects, observer);
        var runner = new EffectsRunner<RelayCommand>(effects, this);
        _loopTask = Task.Run(() => _loop.RunAsync());
        _effectsTask = Task.Run(() => runner.RunAsync());
    }

    public string AccountId => _loop.State.AccountId;

    /// <summary>The committed state (immutable; safe from any thread).</summary>
    public AccountState State => _loop.State;

    internal long NowMs() => _options.Time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Posts an event, waiting for room when the inbox is full (backpressure).</summary>
    public ValueTask PostAsync(RelayEvent @event) => _loop.PostAsync(@event);

    /// <summary>Posts from a background task (RPC ack waits); after shutdown the result has no one to go to.</summary>
    internal async Task TryPostAsync(RelayEvent @event)
    {
        try
        {
            await _loop.PostAsync(@event).ConfigureAwait(false);
        }
        catch (MailboxClosedException)
        {
            // the relay is stopping
        }
    }

    internal async Task StopAsync()
    {
        _loop.Inbox.Complete();
        await _loopTask.ConfigureAwait(false);
        await _effectsTask.ConfigureAwait(false);
    }

    async ValueTask ICommandHandler<RelayCommand>.HandleAsync(RelayCommand command, CancellationToken cancellationToken)
    {
        switch (command)
        {
            case SendUpdate c:
                await PostOutboxAsync(c.ConnectionId, new ConnectionOutbox.Emit("update", RelayWireCodec.Serialize(c.Update))).ConfigureAwait(false);
                break;
            case SendEphemeral c:
                await PostOutboxAsync(c.ConnectionId, new ConnectionOutbox.Emit("ephemeral", c.PayloadJson)).ConfigureAwait(false);
                break;
            case SendReplyEvent c:
                await PostOutboxAsync(c.ConnectionId, new ConnectionOutbox.Emit(c.EventName, c.PayloadJson)).ConfigureAwait(false);
                break;
            case AckVersioned c:
                await PostOutboxAsync(c.Ack.ConnectionId, new ConnectionOutbox.Ack(c.Ack, RelayWireCodec.Serialize(c.Payload))).ConfigureAwait(false);
                break;
            case AckRpcCall c:
                await PostOutboxAsync(c.Ack.ConnectionId, new ConnectionOutbox.Ack(c.Ack, RelayWireCodec.SerializeRpcAck(c.Payload))).ConfigureAwait(false);
                break;
            case ForwardRpc c:
                if (!await PostOutboxAsync(c.TargetConnectionId, new ConnectionOutbox.Forward(c.CallId, c.Request, this)).ConfigureAwait(false))
                {
                    // The target vanished between the reduction and now: answer from a task, never by posting to
                    // our own inbox from the effects runner (the loop may be waiting on us: deadlock).
                    _ = Task.Run(() => TryPostAsync(new RpcForwardFailed(c.CallId, RpcErrors.NotAvailable, NowMs())), CancellationToken.None);
                }

                break;
            case ReplyHttp c:
                c.Reply.Complete(c.Response);
                break;
            case PersistAccount c:
                await _options.Store.SaveAccountAsync(c.Snapshot, cancellationToken).ConfigureAwait(false);
                break;
            case ReportDropped c:
                _options.Diagnostics?.OnDropped(AccountId, c.ConnectionId, c.EventName, c.Reason);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "unknown relay command");
        }
    }

    private ValueTask<bool> PostOutboxAsync(string connectionId, ConnectionOutbox.OutboxItem item) =>
        _server.FindOutbox(connectionId) is { } outbox ? outbox.PostAsync(item) : new ValueTask<bool>(false);
}
