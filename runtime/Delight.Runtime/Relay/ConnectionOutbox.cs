using Delight.Runtime.Mailbox;
using Delight.Runtime.Relay.Connections;
using Delight.Runtime.Relay.Events;
using Delight.Runtime.Relay.Wire;

namespace Delight.Runtime.Relay;

/// <summary>
/// Everything the relay sends to one connection, in order, from one worker: events, acks and RPC forwards. One slow
/// client delays only its own frames (and, once its outbox is full, its account's effects: backpressure, not loss).
/// A forward does not hold the worker while it waits for the client's ack: the wait runs on its own task and
/// reports back to the account runtime as an event.
/// </summary>
internal sealed class ConnectionOutbox
{
    private readonly IRelayClientConnection _connection;
    private readonly IMailbox<OutboxItem> _items;
    private readonly RelayOptions _options;
    private readonly Task _worker;

    public ConnectionOutbox(IRelayClientConnection connection, RelayOptions options)
    {
        _connection = connection;
        _options = options;
        _items = options.Mailboxes.Create<OutboxItem>(new MailboxOptions("relay-outbox:" + connection.Id, options.OutboxCapacity));
        _worker = Task.Run(RunAsync);
    }

    public abstract record OutboxItem;

    public sealed record Emit(string EventName, string PayloadJson) : OutboxItem;

    public sealed record Ack(RelayAck Target, string PayloadJson) : OutboxItem;

    public sealed record Forward(long CallId, RpcRequestPayload Request, AccountRuntime Account) : OutboxItem;

    /// <summary>Queues an item; false when the connection is already closed (the frame has nowhere to go).</summary>
    public async ValueTask<bool> PostAsync(OutboxItem item)
    {
        try
        {
            await _items.PostAsync(item).ConfigureAwait(false);
            return true;
        }
        catch (MailboxClosedException)
        {
            return false;
        }
    }

    /// <summary>No more frames; queued ones are still attempted.</summary>
    public Task CloseAsync()
    {
        _items.Complete();
        return _worker;
    }

    private async Task RunAsync()
    {
        while (await _items.WaitToReceiveAsync().ConfigureAwait(false))
        {
            while (_items.TryReceive(out var item))
            {
                await DeliverAsync(item).ConfigureAwait(false);
            }
        }
    }

    private async Task DeliverAsync(OutboxItem item)
    {
        switch (item)
        {
            case Emit emit:
                await Swallow(_connection.SendAsync(emit.EventName, emit.PayloadJson)).ConfigureAwait(false);
                break;
            case Ack ack:
                await Swallow(ack.Target.SendAsync(ack.PayloadJson)).ConfigureAwait(false);
                break;
            case Forward forward:
                Task<string> pending;
                try
                {
                    pending = _connection.SendWithAckAsync("rpc-request", RelayWireCodec.Serialize(forward.Request));
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    pending = Task.FromException<string>(ex);
                }

                _ = AwaitForwardAsync(forward, pending);
                break;
        }
    }

    private async Task AwaitForwardAsync(Forward forward, Task<string> pending)
    {
        RelayEvent result;
        try
        {
            var ack = await Actor.TaskWaits.WaitAsync(pending, _options.RpcForwardTimeout, _options.Time).ConfigureAwait(false);
            result = new RpcForwardAcked(forward.CallId, NormalizeResult(ack), forward.Account.NowMs());
        }
        catch (TimeoutException)
        {
            result = new RpcForwardFailed(forward.CallId, RpcErrors.Timeout, forward.Account.NowMs());
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            result = new RpcForwardFailed(forward.CallId, ex.Message, forward.Account.NowMs());
        }

        await forward.Account.TryPostAsync(result).ConfigureAwait(false);
    }

    /// <summary>The callee's value verbatim; an empty or <c>null</c> ack means "no result" (the key is omitted).</summary>
    private static string? NormalizeResult(string? ack)
    {
        var trimmed = ack?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed == "null" ? null : trimmed;
    }

    /// <summary>A send to a connection that went away fails; that is not the relay's error (the disconnect event
    /// cleans up), so the worker keeps going.</summary>
    private static async Task Swallow(Task send)
    {
        try
        {
            await send.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // dropped with its connection
        }
    }
}
