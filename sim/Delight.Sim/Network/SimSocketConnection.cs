using Delight.Runtime.Mailbox;
using Delight.Runtime.Relay.Connections;
using Delight.Runtime.Transport;
using Delight.Sim.Clock;

namespace Delight.Sim.Network;

/// <summary>
/// One simulated Socket.IO connection: the client side (<see cref="ISocketConnection"/>) and, through
/// <see cref="SimServerConnection"/>, the relay side. Each direction is a FIFO mailbox drained by one pump task, so
/// frames keep their order and every delivery is a Coyote-controlled step. Faults come from the swarm configuration:
/// delay, disconnect with loss (or resend) of in-flight frames, duplicate delivery on resend, ack loss (the sender
/// then sees its ack timeout), and reconnect after a backoff on the virtual clock. Emits made while disconnected are
/// buffered and flushed on reconnect, as the Socket.IO client does.
/// </summary>
public sealed class SimSocketConnection : ISocketConnection
{
    private const int QueueCapacity = 4096;

    private readonly object _gate = new();
    private readonly SimNetwork _network;
    private readonly IMailbox<SimFrame> _up;
    private readonly IMailbox<SimFrame> _down;
    private readonly List<EventFrame> _buffer = [];
    private readonly List<EventFrame> _resend = [];
    private readonly Dictionary<long, TaskCompletionSource<string>> _clientAcks = [];
    private readonly Dictionary<long, TaskCompletionSource<string>> _serverAcks = [];
    private ISocketHandler? _handler;
    private SimServerConnection? _server;
    private Task? _upPump;
    private Task? _downPump;
    private ITimer? _reconnectTimer;
    private SimServerConnection? _lateDisconnect;
    private bool _relayKnowsLive;
    private long _epoch;
    private long _nextAckId;
    private int _disconnects;
    private bool _connected;
    private bool _started;
    private bool _disposed;

    internal SimSocketConnection(SimNetwork network, string name, HandshakeAuth auth)
    {
        _network = network;
        Name = name;
        Auth = auth;
        _up = new SimulationMailbox<SimFrame>(new MailboxOptions($"net-up:{name}", QueueCapacity, MailboxFullMode.Fail), network.Activity);
        _down = new SimulationMailbox<SimFrame>(new MailboxOptions($"net-down:{name}", QueueCapacity, MailboxFullMode.Fail), network.Activity);
    }

    public string Name { get; }

    public HandshakeAuth Auth { get; }

    public bool IsConnected
    {
        get
        {
            lock (_gate)
            {
                return _connected;
            }
        }
    }

    /// <summary>The relay has accepted the current connection and the client has not dropped it since: the session (or
    /// user) behind it is online as far as anyone can tell.</summary>
    public bool RelayKnowsLive
    {
        get
        {
            lock (_gate)
            {
                return _relayKnowsLive;
            }
        }
    }

    /// <summary>The relay-side id of the current connection while <see cref="RelayKnowsLive"/>, else null.</summary>
    public string? LiveConnectionId
    {
        get
        {
            lock (_gate)
            {
                return _relayKnowsLive ? _server?.Id : null;
            }
        }
    }

    public void SetHandler(ISocketHandler handler) => _handler = handler ?? throw new ArgumentNullException(nameof(handler));

    public Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_started)
            {
                return Task.CompletedTask;
            }

            _started = true;
        }

        _upPump = Task.Run(PumpUpAsync);
        _downPump = Task.Run(PumpDownAsync);
        Post(_up, new ControlFrame(0, "connect"));
        return Task.CompletedTask;
    }

    public Task DisconnectAsync(CancellationToken cancellationToken = default) => DropAsync("client disconnect", countsAgainstBudget: false);

    public Task EmitAsync(string eventName, string payloadJson, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_connected)
            {
                _buffer.Add(new EventFrame(0, eventName, payloadJson, null));
                _network.Log.Add(Name, "buffered", $"{eventName} (offline)");
                return Task.CompletedTask;
            }

            Post(_up, new EventFrame(_epoch, eventName, payloadJson, null));
        }

        return Task.CompletedTask;
    }

    public async Task<string> EmitWithAckAsync(string eventName, string payloadJson, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        TaskCompletionSource<string> ack;
        long id;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_connected)
            {
                throw new SocketDisconnectedException(eventName);
            }

            id = ++_nextAckId;
            ack = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _clientAcks[id] = ack;
            Post(_up, new EventFrame(_epoch, eventName, payloadJson, id));
        }

        using var timer = _network.Clock.CreateTimer(_ =>
        {
            lock (_gate)
            {
                _clientAcks.Remove(id);
            }

            if (ack.TrySetException(new SocketAckTimeoutException(eventName, timeout)))
            {
                _network.Log.Add(Name, "ack-timeout", eventName);
            }
        }, null, timeout, Timeout.InfiniteTimeSpan);
        return await ack.Task.ConfigureAwait(false);
    }

    /// <summary>A scenario breaks the transport on purpose (a network change); the client reconnects after its backoff.
    /// Not counted against the swarm's disconnect budget.</summary>
    public Task BreakTransportAsync(string reason) => DropAsync(reason, countsAgainstBudget: false);

    /// <summary>Drops the transport: in-flight frames are lost or kept for resend, pending acks fail, and a reconnect
    /// is scheduled after a backoff on the virtual clock.</summary>
    internal async Task DropAsync(string reason, bool countsAgainstBudget)
    {
        SimServerConnection? server;
        TaskCompletionSource<string>[] failed;
        TaskCompletionSource<string>[] serverFailed;
        long epoch;
        lock (_gate)
        {
            if (!_connected || _disposed)
            {
                return;
            }

            _connected = false;
            _relayKnowsLive = false;
            if (countsAgainstBudget)
            {
                _disconnects++;
            }

            epoch = _epoch;
            server = _server;
            TakeInFlightLocked(epoch);
            failed = [.. _clientAcks.Values];
            _clientAcks.Clear();
            serverFailed = [.. _serverAcks.Values];
            _serverAcks.Clear();
        }

        _network.Log.Add(Name, "disconnected", reason);
        foreach (var ack in failed)
        {
            ack.TrySetException(new SocketDisconnectedException("ack"));
        }

        foreach (var ack in serverFailed)
        {
            ack.TrySetException(new SocketDisconnectedException("server ack"));
        }

        if (server is not null && countsAgainstBudget && _network.Roll(_network.Swarm.LateServerDisconnectPercent))
        {
            lock (_gate)
            {
                _lateDisconnect = server; // the relay still believes in it until after the reconnect
            }

            _network.Log.Add(Name, "half-open", $"the relay will notice {server.Id} is gone only after the reconnect");
        }
        else if (server is not null)
        {
            await _network.Relay.OnDisconnectedAsync(server, reason).ConfigureAwait(false);
        }

        Post(_down, new ControlFrame(epoch, "disconnected:" + reason));
        var backoff = TimeSpan.FromMilliseconds(1000 + (100 * _network.Random.NextInt(40)));
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _reconnectTimer?.Dispose();
            _reconnectTimer = _network.Clock.CreateTimer(_ => Post(_up, new ControlFrame(0, "connect")), null, backoff, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Frames still queued on the dying transport: an unacknowledged emit is kept for resend (ahead of anything
    /// emitted while offline, so the connection stays FIFO) or lost, as the swarm drew; acks are lost.</summary>
    private void TakeInFlightLocked(long epoch)
    {
        var keep = new List<SimFrame>();
        while (_up.TryReceive(out var frame))
        {
            _network.FrameDone();
            switch (frame)
            {
                case EventFrame ev when ev.Epoch == epoch && ev.AckId is null && !_network.Swarm.LoseInFlightOnDisconnect:
                    _resend.Add(ev);
                    _network.Log.Add(Name, "resend-queued", ev.Name);
                    break;
                case EventFrame ev when ev.Epoch == epoch:
                    _network.Log.Add(Name, "lost-in-flight", ev.Name);
                    break;
                case AckFrame:
                    break;
                default:
                    keep.Add(frame);
                    break;
            }
        }

        foreach (var frame in keep)
        {
            Post(_up, frame);
        }
    }

    internal void PostDown(SimFrame frame) => Post(_down, frame);

    internal Task<string> ServerSendWithAck(long epoch, string eventName, string payloadJson)
    {
        var ack = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (!_connected || epoch != _epoch)
            {
                ack.TrySetException(new SocketDisconnectedException(eventName));
                return ack.Task;
            }

            var id = ++_nextAckId;
            _serverAcks[id] = ack;
            Post(_down, new EventFrame(epoch, eventName, payloadJson, id));
        }

        return ack.Task;
    }

    private void Post(IMailbox<SimFrame> mailbox, SimFrame frame)
    {
        _network.FrameQueued();
        try
        {
            if (!mailbox.TryPost(frame))
            {
                _network.FrameDone();
                throw new MailboxFullException(mailbox.Name, mailbox.Capacity);
            }
        }
        catch (MailboxClosedException)
        {
            // the connection was disposed: the frame goes nowhere, as on a closed socket
            _network.FrameDone();
        }
    }

    private async Task PumpUpAsync()
    {
        while (await _up.WaitToReceiveAsync().ConfigureAwait(false))
        {
            while (_up.TryReceive(out var frame))
            {
                try
                {
                    await DeliverUpAsync(frame).ConfigureAwait(false);
                }
                finally
                {
                    _network.FrameDone();
                }
            }
        }
    }

    private async Task DeliverUpAsync(SimFrame frame)
    {
        switch (frame)
        {
            case ControlFrame { What: "connect" }:
                await ConnectNowAsync().ConfigureAwait(false);
                return;
            case AckFrame ack:
                TaskCompletionSource<string>? waiter;
                lock (_gate)
                {
                    _serverAcks.Remove(ack.AckId, out waiter);
                }

                waiter?.TrySetResult(ack.PayloadJson);
                return;
            case EventFrame ev:
                await DeliverEventUpAsync(ev).ConfigureAwait(false);
                return;
        }
    }

    private async Task ConnectNowAsync()
    {
        SimServerConnection server;
        lock (_gate)
        {
            if (_disposed || _connected)
            {
                return;
            }

            _epoch++;
            _connected = true;
            server = new SimServerConnection(this, $"{Name}#{_epoch}", Auth, _epoch);
            _server = server;
            // Resent and buffered emits go out right behind the connect, in emit order, before anything emitted later.
            foreach (var resent in _resend)
            {
                Post(_up, resent with { Epoch = _epoch });
            }

            foreach (var buffered in _buffer)
            {
                Post(_up, buffered with { Epoch = _epoch });
            }

            _resend.Clear();
            _buffer.Clear();
        }

        _network.Log.Add(Name, "connect", $"->relay:connect {server.Id}");
        await _network.Relay.OnConnectedAsync(server).ConfigureAwait(false);
        SimServerConnection? late;
        lock (_gate)
        {
            _relayKnowsLive = _connected && _epoch == server.Epoch;
            late = _lateDisconnect;
            _lateDisconnect = null;
        }

        if (late is not null)
        {
            _network.Log.Add(Name, "late-disconnect", $"->relay:disconnect {late.Id} (ping timeout, after {server.Id} connected)");
            await _network.Relay.OnDisconnectedAsync(late, "ping timeout").ConfigureAwait(false);
        }

        Post(_down, new ControlFrame(server.Epoch, "connected"));
    }

    private async Task DeliverEventUpAsync(EventFrame ev)
    {
        if (_network.Roll(_network.Swarm.DelayPercent))
        {
            await VirtualDelay.For(_network.Clock, TimeSpan.FromMilliseconds(10 * (1 + _network.Random.NextInt(40)))).ConfigureAwait(false);
        }

        if (_disconnects < _network.MaxDisconnectsPerConnection && _network.Roll(_network.Swarm.DisconnectPercent))
        {
            await DropAsync("transport error", countsAgainstBudget: true).ConfigureAwait(false);
        }

        SimServerConnection? server;
        lock (_gate)
        {
            server = _connected ? _server : null;
            if (ev.Epoch != _epoch || !_connected)
            {
                if (ev.AckId is null && !_network.Swarm.LoseInFlightOnDisconnect)
                {
                    // Not confirmed on the wire: the client resends it. It was emitted before every frame queued
                    // now, so it goes first: at once on the new connection, or at the head of the resend list.
                    if (!_connected)
                    {
                        _resend.Insert(0, ev);
                        _network.Log.Add(Name, "resend-queued", ev.Name);
                        return;
                    }

                    ev = ev with { Epoch = _epoch };
                    _network.Log.Add(Name, "resent", ev.Name);
                }
                else
                {
                    _network.Log.Add(Name, "lost-in-flight", ev.Name);
                    return;
                }
            }
        }

        if (server is null)
        {
            return;
        }

        await DeliverToRelayAsync(server, ev).ConfigureAwait(false);
        if (ev.AckId is null && _network.Roll(_network.Swarm.DuplicatePercent))
        {
            _network.Log.Add(Name, "duplicate", $"{ev.Name} delivered again (resend)");
            await DeliverToRelayAsync(server, ev).ConfigureAwait(false);
        }
    }

    private async Task DeliverToRelayAsync(SimServerConnection server, EventFrame ev)
    {
        _network.Log.Add(Name, "send", $"->relay:{ev.Name} {Short(ev.PayloadJson)}");
        Func<string, Task>? ack = null;
        if (ev.AckId is { } id)
        {
            var epoch = server.Epoch;
            ack = json =>
            {
                Post(_down, new AckFrame(epoch, id, json));
                return Task.CompletedTask;
            };
        }

        await _network.Relay.OnEventAsync(server, ev.Name, ev.PayloadJson, ack).ConfigureAwait(false);
    }

    private async Task PumpDownAsync()
    {
        while (await _down.WaitToReceiveAsync().ConfigureAwait(false))
        {
            while (_down.TryReceive(out var frame))
            {
                try
                {
                    await DeliverDownAsync(frame).ConfigureAwait(false);
                }
                finally
                {
                    _network.FrameDone();
                }
            }
        }
    }

    private async Task DeliverDownAsync(SimFrame frame)
    {
        var handler = _handler ?? throw new InvalidOperationException($"connection '{Name}' has no handler");
        _network.Heard(Name);
        switch (frame)
        {
            case ControlFrame { What: "connected" } control:
                if (IsCurrent(control.Epoch))
                {
                    await handler.OnConnectedAsync().ConfigureAwait(false);
                }

                return;
            case ControlFrame control when control.What.StartsWith("disconnected:", StringComparison.Ordinal):
                await handler.OnDisconnectedAsync(control.What["disconnected:".Length..]).ConfigureAwait(false);
                return;
            case AckFrame ack:
                if (_network.Roll(_network.Swarm.AckLossPercent))
                {
                    _network.Log.Add("relay", "ack-lost", $"->{Name}:ack#{ack.AckId} lost");
                    return;
                }

                TaskCompletionSource<string>? waiter;
                lock (_gate)
                {
                    _clientAcks.Remove(ack.AckId, out waiter);
                }

                waiter?.TrySetResult(ack.PayloadJson);
                return;
            case EventFrame ev:
                if (_network.Roll(_network.Swarm.DelayPercent))
                {
                    await VirtualDelay.For(_network.Clock, TimeSpan.FromMilliseconds(10 * (1 + _network.Random.NextInt(40)))).ConfigureAwait(false);
                }

                if (!IsCurrent(ev.Epoch))
                {
                    _network.Log.Add("relay", "lost-in-flight", $"->{Name}:{ev.Name}");
                    return;
                }

                _network.Log.Add("relay", "send", $"->{Name}:{ev.Name} {Short(ev.PayloadJson)}");
                Func<string, Task>? reply = null;
                if (ev.AckId is { } id)
                {
                    var epoch = ev.Epoch;
                    reply = json =>
                    {
                        Post(_up, new AckFrame(epoch, id, json));
                        return Task.CompletedTask;
                    };
                }

                await handler.OnEventAsync(ev.Name, ev.PayloadJson, reply).ConfigureAwait(false);
                return;
        }
    }

    private bool IsCurrent(long epoch)
    {
        lock (_gate)
        {
            return _connected && epoch == _epoch;
        }
    }

    private static string Short(string json) => json.Length <= 90 ? json : json[..90] + "…";

    public async ValueTask DisposeAsync()
    {
        TaskCompletionSource<string>[] failed;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _connected = false;
            _reconnectTimer?.Dispose();
            failed = [.. _clientAcks.Values, .. _serverAcks.Values];
            _clientAcks.Clear();
            _serverAcks.Clear();
        }

        foreach (var ack in failed)
        {
            ack.TrySetException(new SocketDisconnectedException("disposed"));
        }

        _up.Complete();
        _down.Complete();
        if (_upPump is not null)
        {
            await _upPump.ConfigureAwait(false);
        }

        if (_downPump is not null)
        {
            await _downPump.ConfigureAwait(false);
        }
    }
}
