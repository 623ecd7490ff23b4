using System.Collections.Immutable;
using Delight.Runtime.Actor;
using Delight.Runtime.Agents;
using Delight.Runtime.Mailbox;
using Delight.Runtime.Transport;
using Delight.Sim.Invariants;
using Delight.Sim.Recording;
using Clock = Delight.Sim.Clock;

namespace Delight.Sim.StandIns.Session;

/// <summary>
/// The stand-in CLI SessionRuntime: the real <see cref="ActorLoop{TState,TEvent,TCommand}"/> over simulation
/// mailboxes running <see cref="SessionReducer"/>, an effects runner, a FIFO agent-send worker, a session-scoped
/// socket with its RPC handlers (each RPC on its own task, as upstream), and a tracked set of background tasks so
/// <see cref="StopAsync"/> leaves nothing blocked.
/// </summary>
public sealed class StandInSession
{
    private readonly object _gate = new();
    private readonly SimLog _log;
    private readonly TimeProvider _clock;
    private readonly ActorLoop<SessionState, SessionEvent, SessionCommand> _loop;
    private readonly IMailbox<ImmutableArray<SessionCommand>> _effects;
    private readonly IMailbox<SendToAgent> _sends;
    private readonly List<Task> _background = [];
    private readonly List<ITimer> _timers = [];
    private readonly Network.SimHttpHandler _http;
    private readonly Wire.SeqGate<Wire.UpdatePayload> _seq = new();
    private readonly SemaphoreSlim _offerGate = new(1, 1);
    private readonly HashSet<(long, AgentMode)> _committedRunning = [];
    private bool _resyncRunning;
    private bool _stopping;
    private Task? _loopTask;
    private Task? _effectsTask;
    private Task? _sendTask;
    private long _nextReplyId;

    public StandInSession(
        string sessionId,
        ISocketConnection socket,
        Network.SimHttpHandler http,
        Func<IAgentHost, IAgentEngine> engineFactory,
        TimeProvider clock,
        SimLog log,
        InvariantChecker invariants,
        IActorObserver<SessionState, SessionEvent, SessionCommand>? observer = null)
    {
        SessionId = sessionId;
        Socket = socket;
        _http = http;
        _clock = clock;
        _log = log;
        Invariants = invariants;
        var factory = SimulationMailboxFactory.Instance;
        Inbox = factory.Create<SessionEvent>(new MailboxOptions("session-inbox", 64));
        _effects = factory.Create<ImmutableArray<SessionCommand>>(new MailboxOptions("session-effects", 64));
        _sends = factory.Create<SendToAgent>(new MailboxOptions("agent-sends", 64));
        var effects = new SessionEffects(this);
        _loop = new ActorLoop<SessionState, SessionEvent, SessionCommand>(
            SessionState.Initial, new SessionReducer(), Inbox, _effects, new LoggingObserver(this, observer), inlineHandler: effects);
        Effects = new EffectsRunner<SessionCommand>(_effects, effects);
        Engine = engineFactory(new SessionAgentHost(this));
        Socket.SetHandler(new SessionSocketHandler(this));
    }

    public static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(30);

    public string SessionId { get; }

    public ISocketConnection Socket { get; }

    public IAgentEngine Engine { get; }

    public InvariantChecker Invariants { get; }

    public SessionState State => _loop.State;

    /// <summary>The last message seq this session applied (its seq gate).</summary>
    public long LastSeenSeq => _seq.LastSeq;

    /// <summary>Raised when the session reports a phone message as failed (closes its liveness obligation).</summary>
    public event Action<string>? MessageReportedFailed;

    internal IMailbox<SessionEvent> Inbox { get; }

    internal EffectsRunner<SessionCommand> Effects { get; }

    public void Start()
    {
        _loopTask = Task.Run(() => _loop.RunAsync());
        _effectsTask = Task.Run(() => Effects.RunAsync());
        _sendTask = Task.Run(SendWorkerAsync);
        Track(Socket.ConnectAsync());
        var keepAlive = _clock.CreateTimer(_ =>
        {
            try
            {
                Inbox.TryPost(new KeepAliveTick());
            }
            catch (MailboxClosedException)
            {
                // stopped
            }
        }, null, KeepAliveInterval, KeepAliveInterval);
        lock (_gate)
        {
            _timers.Add(keepAlive);
        }
    }

    /// <summary>The desktop (or the switch RPC) asks for a mode; completes with the reply.</summary>
    public async Task<Wire.SwitchResult> SwitchAsync(AgentMode target)
    {
        var reply = new SwitchReply(Interlocked.Increment(ref _nextReplyId));
        if (!await TryPostAsync(new SwitchRequested(target, reply)).ConfigureAwait(false))
        {
            return new Wire.SwitchResult(State.Mode == AgentMode.Remote ? "remote" : "local", "closed");
        }

        return await reply.Task.ConfigureAwait(false);
    }

    public async Task ShutdownAsync()
    {
        var reply = new ShutdownReply();
        if (await TryPostAsync(new ShutdownRequested(reply)).ConfigureAwait(false))
        {
            await reply.Task.ConfigureAwait(false);
        }
    }

    internal void Log(string kind, string detail) => _log.Add("cli", kind, detail);

    internal async ValueTask<bool> TryPostAsync(SessionEvent @event)
    {
        try
        {
            await Inbox.PostAsync(@event).ConfigureAwait(false);
            return true;
        }
        catch (MailboxClosedException)
        {
            return false;
        }
    }

    internal void Track(Task task)
    {
        lock (_gate)
        {
            _background.Add(task);
        }
    }

    internal void EnqueueSend(SendToAgent send)
    {
        if (!_sends.TryPost(send))
        {
            throw new MailboxFullException(_sends.Name, _sends.Capacity);
        }
    }

    internal void ArmStartTimeout(long gen, AgentMode mode, TimeSpan timeout)
    {
        var timer = _clock.CreateTimer(_ =>
        {
            try
            {
                Inbox.TryPost(new StartTimedOut(gen, mode));
            }
            catch (MailboxClosedException)
            {
                // stopped
            }
        }, null, timeout, Timeout.InfiniteTimeSpan);
        lock (_gate)
        {
            _timers.Add(timer);
        }
    }

    /// <summary>Phone messages enter the inbox in seq order, once each; a gap triggers an HTTP resync.</summary>
    internal async Task OfferAsync(Wire.UpdatePayload update)
    {
        // The socket callback and the resync both offer; one at a time, so the inbox gets them in seq order.
        await _offerGate.WaitAsync().ConfigureAwait(false);
        try
        {
            foreach (var (_, ready) in _seq.Offer(update.Seq, update))
            {
                if (ready.From == "phone")
                {
                    await TryPostAsync(new InboundMessage(ready.LocalId, ready.Text)).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _offerGate.Release();
        }

        if (_seq.HasGap)
        {
            QueueResync();
        }
    }

    internal void QueueResync()
    {
        lock (_gate)
        {
            if (_resyncRunning || _stopping)
            {
                return;
            }

            _resyncRunning = true;
        }

        Track(Task.Run(ResyncAsync));
    }

    private async Task ResyncAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            lock (_gate)
            {
                if (_stopping)
                {
                    _resyncRunning = false;
                    return;
                }
            }

            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://relay.sim/v1/sessions/{SessionId}/messages?afterSeq={_seq.LastSeq}"));
                using var response = await _http.InvokeAsync(request).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    throw new HttpRequestException($"status {(int)response.StatusCode}");
                }

                var missed = Wire.StandInWire.Read<Wire.StoredMessageDto[]>(Network.HttpBodies.Read(response.Content));
                lock (_gate)
                {
                    _resyncRunning = false;
                }

                foreach (var m in missed)
                {
                    await OfferAsync(new Wire.UpdatePayload(SessionId, m.Seq, m.LocalId, m.Text, m.From)).ConfigureAwait(false);
                }

                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
            {
                Log("resync-failed", $"attempt {attempt}: {e.Message}");
                await Clock.VirtualDelay.For(_clock, TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            }
        }
    }

    internal bool WasCommittedRunning(long gen, AgentMode mode)
    {
        lock (_gate)
        {
            return _committedRunning.Contains((gen, mode));
        }
    }

    private void RecordCommit(SessionState next)
    {
        if (next.IsRunning(next.Mode))
        {
            lock (_gate)
            {
                _committedRunning.Add((next.Gen, next.Mode));
            }
        }
    }

    internal void OnMessageReportedFailed(string localId) => MessageReportedFailed?.Invoke(localId);

    internal void StartRpc(string method, string paramsJson, Func<string, Task>? ack) =>
        Track(Task.Run(() => RpcHandlers.HandleAsync(this, method, paramsJson, ack)));

    private async Task SendWorkerAsync()
    {
        while (await _sends.WaitToReceiveAsync().ConfigureAwait(false))
        {
            while (_sends.TryReceive(out var send))
            {
                try
                {
                    await Engine.SendUserMessageAsync(send.Gen, new AgentUserMessage(send.Text, null, send.LocalId, 0), CancellationToken.None).ConfigureAwait(false);
                }
                catch (InvalidOperationException e)
                {
                    await TryPostAsync(new MessageSendFailed(send.LocalId, e.Message)).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>Stops everything, in dependency order, and waits for every task it started.</summary>
    public async Task StopAsync()
    {
        lock (_gate)
        {
            _stopping = true;
        }

        Inbox.Complete();
        if (_loopTask is not null)
        {
            await _loopTask.ConfigureAwait(false);
        }

        if (_effectsTask is not null)
        {
            await _effectsTask.ConfigureAwait(false);
        }

        _sends.Complete();
        lock (_gate)
        {
            foreach (var timer in _timers)
            {
                timer.Dispose();
            }
        }

        await Engine.DisposeAsync().ConfigureAwait(false);
        if (_sendTask is not null)
        {
            await _sendTask.ConfigureAwait(false);
        }

        await Socket.DisposeAsync().ConfigureAwait(false);
        while (true)
        {
            Task[] background;
            lock (_gate)
            {
                background = [.. _background];
                _background.Clear();
            }

            if (background.Length == 0)
            {
                break;
            }

            await Task.WhenAll(background).ConfigureAwait(false);
        }
    }

    private sealed class LoggingObserver(StandInSession session, IActorObserver<SessionState, SessionEvent, SessionCommand>? inner)
        : IActorObserver<SessionState, SessionEvent, SessionCommand>
    {
        public void OnTransition(SessionState previous, SessionEvent @event, SessionState next, ReadOnlySpan<SessionCommand> commands)
        {
            session.RecordCommit(next);
            session.Log("reduce", $"{Describe(@event)} => {next.Fsm} gen {next.Gen} ({commands.Length} commands)");
            inner?.OnTransition(previous, @event, next, commands);
        }

        private static string Describe(SessionEvent @event) => @event switch
        {
            SwitchRequested e => $"SwitchRequested({e.Target}, {e.Reply?.ToString() ?? "no reply"})",
            PermissionAwaited e => $"PermissionAwaited(gen {e.Gen}, {e.RequestId})",
            ShutdownRequested => "ShutdownRequested",
            _ => @event.ToString(),
        };
    }
}
