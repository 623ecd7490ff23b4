using Delight.Runtime.Mailbox;
using Delight.Runtime.Relay;
using Delight.Runtime.Relay.Connections;
using Delight.Runtime.Transport;

namespace Delight.Runtime.Tests.Sdk;

/// <summary>
/// A client socket wired straight to an in-process <see cref="RelayServer"/>: both ends of one connection. Client
/// emits go through one FIFO queue (like a socket's write side), so they reach the relay in emit order.
/// </summary>
public sealed class InProcessSocket : ISocketConnection, IRelayClientConnection
{
    private static int s_next;
    private readonly RelayServer _server;
    private readonly TimeProvider _time;
    private readonly IMailbox<Func<Task>> _writes = ChannelMailboxFactory.Instance.Create<Func<Task>>(new MailboxOptions("socket-writes", 65536));
    private readonly Task _writer;
    private ISocketHandler? _handler;

    public InProcessSocket(RelayServer server, HandshakeAuth auth, TimeProvider time)
    {
        _server = server;
        _time = time;
        Auth = auth;
        Id = "sock-" + Interlocked.Increment(ref s_next);
        _writer = Task.Run(async () =>
        {
            while (await _writes.WaitToReceiveAsync())
            {
                while (_writes.TryReceive(out var write))
                {
                    await write();
                }
            }
        });
    }

    public string Id { get; }

    public HandshakeAuth Auth { get; }

    public bool IsConnected { get; private set; }

    /// <summary>Answers rpc-requests (client side). Null = leave the relay waiting.</summary>
    public Func<string, Task<string>>? RpcAnswer { get; set; }

    public void SetHandler(ISocketHandler handler) => _handler = handler;

    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        var outcome = await _server.OnConnectedAsync(this);
        if (outcome.Accepted)
        {
            IsConnected = true;
            await (_handler?.OnConnectedAsync() ?? Task.CompletedTask);
        }
    }

    public async Task DisconnectAsync(CancellationToken cancellationToken = default)
    {
        if (!IsConnected)
        {
            return;
        }

        IsConnected = false;
        await _server.OnDisconnectedAsync(this, "client namespace disconnect");
        await (_handler?.OnDisconnectedAsync("io client disconnect") ?? Task.CompletedTask);
    }

    public Task EmitAsync(string eventName, string payloadJson, CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_writes.TryPost(async () =>
        {
            await _server.OnEventAsync(this, eventName, payloadJson, null);
            done.TrySetResult();
        }))
        {
            throw new InvalidOperationException("socket write queue full");
        }

        return done.Task;
    }

    public Task<string> EmitWithAckAsync(string eventName, string payloadJson, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (!IsConnected)
        {
            throw new SocketDisconnectedException(eventName);
        }

        var ack = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_writes.TryPost(() => _server.OnEventAsync(this, eventName, payloadJson, json =>
        {
            ack.TrySetResult(json);
            return Task.CompletedTask;
        })))
        {
            throw new InvalidOperationException("socket write queue full");
        }

        return WaitAckAsync(ack.Task, eventName, timeout);
    }

    private async Task<string> WaitAckAsync(Task<string> ack, string eventName, TimeSpan timeout)
    {
        try
        {
            return await ack.WaitAsync(timeout, _time);
        }
        catch (TimeoutException)
        {
            throw new SocketAckTimeoutException(eventName, timeout);
        }
    }

    // Relay side.
    Task IRelayClientConnection.SendAsync(string eventName, string payloadJson, CancellationToken cancellationToken) =>
        _handler?.OnEventAsync(eventName, payloadJson, null) ?? Task.CompletedTask;

    Task<string> IRelayClientConnection.SendWithAckAsync(string eventName, string payloadJson, CancellationToken cancellationToken)
    {
        var ack = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (RpcAnswer is { } answer)
        {
            _ = Task.Run(async () => ack.TrySetResult(await answer(payloadJson)));
        }

        return ack.Task;
    }

    Task IRelayClientConnection.CloseAsync(string reason)
    {
        IsConnected = false;
        return _handler?.OnDisconnectedAsync(reason) ?? Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync();
        _writes.Complete();
        await _writer;
    }
}

/// <summary>A handler that ignores everything (for sockets the test only emits on).</summary>
public sealed class NullSocketHandler : ISocketHandler
{
    public Task OnConnectedAsync() => Task.CompletedTask;

    public Task OnDisconnectedAsync(string reason) => Task.CompletedTask;

    public Task OnEventAsync(string eventName, string payloadJson, Func<string, Task>? ack) => Task.CompletedTask;

    public Task OnAuthErrorAsync(string message) => Task.CompletedTask;
}
