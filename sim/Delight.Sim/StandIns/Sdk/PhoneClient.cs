using Delight.Runtime.Mailbox;
using Delight.Runtime.Transport;
using Delight.Sim.Clock;
using Delight.Sim.Recording;
using Delight.Sim.StandIns.Wire;

namespace Delight.Sim.StandIns.Sdk;

/// <summary>
/// Stand-in for the phone SDK facade (RUNTIME.md §4): thread-safe public methods that run one at a time on a single
/// dispatcher worker; a user-scoped socket; messages applied in seq order once each (gaps filled by an HTTP resync);
/// the agent state applied by version; permission prompts tracked from ephemerals and reconciled with the durable state.
/// </summary>
public sealed class PhoneClient : ISocketHandler
{
    public static readonly TimeSpan RpcTimeout = TimeSpan.FromSeconds(10);

    private readonly object _gate = new();
    private readonly ISocketConnection _socket;
    private readonly Network.SimHttpHandler _http;
    private readonly TimeProvider _clock;
    private readonly SimLog _log;
    private readonly IMailbox<Func<Task>> _dispatch;
    private readonly SeqGate<UpdatePayload> _seq = new();
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);
    private readonly HashSet<string> _resolved = new(StringComparer.Ordinal);
    private readonly object _applyGate = new();
    private Task? _worker;
    private long _version;
    private bool _stopping;
    private bool _resyncQueued;

    public PhoneClient(string sessionId, ISocketConnection socket, Network.SimHttpHandler http, TimeProvider clock, SimLog log)
    {
        SessionId = sessionId;
        _socket = socket;
        _http = http;
        _clock = clock;
        _log = log;
        _dispatch = SimulationMailboxFactory.Instance.Create<Func<Task>>(new MailboxOptions("sdk-dispatch", 256));
        _socket.SetHandler(this);
    }

    public string SessionId { get; }

    /// <summary>A message was applied (seq, local id, text, sender).</summary>
    public event Action<UpdatePayload>? MessageApplied;

    /// <summary>An agent-state version was applied.</summary>
    public event Action<long>? AgentStateApplied;

    /// <summary>The session reported a phone message as failed.</summary>
    public event Action<string>? MessageFailed;

    public long LastSeq => _seq.LastSeq;

    public long AgentStateVersion
    {
        get
        {
            lock (_gate)
            {
                return _version;
            }
        }
    }

    public bool IsConnected => _socket.IsConnected;

    public IReadOnlyCollection<string> PendingPermissions
    {
        get
        {
            lock (_gate)
            {
                return [.. _pending.Order(StringComparer.Ordinal)];
            }
        }
    }

    public void Start()
    {
        _worker = Task.Run(WorkerAsync);
        _ = _socket.ConnectAsync();
    }

    /// <summary>Sends a message and waits for the relay's ack, resending (same local id; the relay dedupes) after a
    /// disconnect or an ack timeout. One message at a time on the dispatcher, so the relay sees them in send order.</summary>
    public Task SendMessageAsync(string localId, string text) =>
        DispatchAsync(async () =>
        {
            var payload = StandInWire.Write(new MessagePayload(SessionId, localId, text));
            for (var attempt = 1; ; attempt++)
            {
                lock (_gate)
                {
                    if (_stopping)
                    {
                        return;
                    }
                }

                try
                {
                    await _socket.EmitWithAckAsync("message", payload, RpcTimeout).ConfigureAwait(false);
                    return;
                }
                catch (Exception e) when (e is SocketAckTimeoutException or SocketDisconnectedException)
                {
                    _log.Add("phone", "send-retry", $"{localId} attempt {attempt}: {e.Message}");
                    await VirtualDelay.For(_clock, TimeSpan.FromSeconds(1)).ConfigureAwait(false);
                }
            }
        });

    public Task<SwitchResult> SwitchModeAsync(string mode) =>
        DispatchAsync(async () =>
        {
            var (ok, result, error) = await RpcAsync("switch", StandInWire.Write(new SwitchParams(mode))).ConfigureAwait(false);
            return ok && result is not null ? StandInWire.Read<SwitchResult>(result) : new SwitchResult(mode, error ?? "no result");
        });

    public Task<bool> AnswerPermissionAsync(string requestId, bool allow) =>
        DispatchAsync(async () => (await RpcAsync("permission", StandInWire.Write(new PermissionParams(requestId, allow))).ConfigureAwait(false)).Ok);

    private async Task<(bool Ok, string? Result, string? Error)> RpcAsync(string method, string paramsJson)
    {
        try
        {
            var ackJson = await _socket.EmitWithAckAsync("rpc-call", StandInWire.Write(new RpcCallPayload($"{SessionId}:{method}", paramsJson)), RpcTimeout).ConfigureAwait(false);
            var ack = StandInWire.Read<RpcCallAck>(ackJson);
            return (ack.Ok, ack.ResultJson, ack.Error);
        }
        catch (Exception e) when (e is SocketAckTimeoutException or SocketDisconnectedException)
        {
            return (false, null, e.Message);
        }
    }

    private async Task<T> DispatchAsync<T>(Func<Task<T>> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _dispatch.PostAsync(async () =>
        {
            try
            {
                done.TrySetResult(await work().ConfigureAwait(false));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                done.TrySetException(e);
            }
        }).ConfigureAwait(false);
        return await done.Task.ConfigureAwait(false);
    }

    private Task DispatchAsync(Func<Task> work) => DispatchAsync(async () =>
    {
        await work().ConfigureAwait(false);
        return true;
    });

    private async Task WorkerAsync()
    {
        while (await _dispatch.WaitToReceiveAsync().ConfigureAwait(false))
        {
            while (_dispatch.TryReceive(out var work))
            {
                await work().ConfigureAwait(false);
            }
        }
    }

    public Task OnConnectedAsync()
    {
        QueueResync();
        return Task.CompletedTask;
    }

    public Task OnDisconnectedAsync(string reason) => Task.CompletedTask;

    public Task OnAuthErrorAsync(string message) => Task.CompletedTask;

    public Task OnEventAsync(string eventName, string payloadJson, Func<string, Task>? ack)
    {
        switch (eventName)
        {
            case "update":
                var update = StandInWire.Read<UpdatePayload>(payloadJson);
                Apply(update.Seq, update);
                if (_seq.HasGap)
                {
                    QueueResync();
                }

                break;
            case "update-session":
                var session = StandInWire.Read<SessionUpdatePayload>(payloadJson);
                ApplyAgentState(session.Version, session.AgentStateJson);
                break;
            case "ephemeral":
                var ephemeral = StandInWire.Read<EphemeralPayload>(payloadJson);
                OnEphemeral(ephemeral);
                break;
        }

        return Task.CompletedTask;
    }

    private void OnEphemeral(EphemeralPayload ephemeral)
    {
        lock (_gate)
        {
            switch (ephemeral.Kind)
            {
                case "permission-request" when ephemeral.RequestId is { } id && !_resolved.Contains(id):
                    _pending.Add(id);
                    break;
                case "permission-resolved" when ephemeral.RequestId is { } id:
                    _pending.Remove(id);
                    _resolved.Add(id);
                    break;
            }
        }

        if (ephemeral.Kind == "message-failed" && ephemeral.LocalId is { } failed)
        {
            MessageFailed?.Invoke(failed);
        }
    }

    private void Apply(long seq, UpdatePayload update)
    {
        // One applier at a time (socket callbacks and the resync both apply), so listeners see seq order.
        lock (_applyGate)
        {
            foreach (var (_, ready) in _seq.Offer(seq, update))
            {
                _log.Add("phone", "applied", $"seq {ready.Seq} {ready.LocalId} from {ready.From}");
                MessageApplied?.Invoke(ready);
            }
        }
    }

    private void ApplyAgentState(long version, string json)
    {
        lock (_gate)
        {
            if (version <= _version)
            {
                return; // stale or repeated
            }

            _version = version;
            var durable = StandInWire.Read<DurableAgentState>(json);
            // The durable state is authoritative for open prompts: anything it no longer lists is gone.
            _pending.Clear();
            foreach (var id in durable.Requests.Where(id => !_resolved.Contains(id)))
            {
                _pending.Add(id);
            }
        }

        AgentStateApplied?.Invoke(version);
    }

    private void QueueResync()
    {
        lock (_gate)
        {
            if (_resyncQueued || _stopping)
            {
                return;
            }

            _resyncQueued = true;
        }

        try
        {
            _dispatch.TryPost(ResyncAsync);
        }
        catch (MailboxClosedException)
        {
            // stopping
        }
    }

    /// <summary>Lists the session and fetches missed messages over HTTP, retrying on the virtual clock until it works.</summary>
    private async Task ResyncAsync()
    {
        lock (_gate)
        {
            _resyncQueued = false;
        }

        for (var attempt = 0; ; attempt++)
        {
            lock (_gate)
            {
                if (_stopping)
                {
                    return;
                }
            }

            try
            {
                var listing = await GetAsync<SessionListing[]>("/v1/sessions").ConfigureAwait(false);
                var mine = listing.FirstOrDefault(l => l.Sid == SessionId);
                if (mine is not null)
                {
                    ApplyAgentState(mine.Version, mine.AgentStateJson);
                    if (mine.LastSeq > _seq.LastSeq)
                    {
                        var missed = await GetAsync<StoredMessageDto[]>($"/v1/sessions/{SessionId}/messages?afterSeq={_seq.LastSeq}").ConfigureAwait(false);
                        foreach (var m in missed)
                        {
                            Apply(m.Seq, new UpdatePayload(SessionId, m.Seq, m.LocalId, m.Text, m.From));
                        }
                    }
                }

                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
            {
                _log.Add("phone", "resync-failed", $"attempt {attempt + 1}: {e.Message}");
                await VirtualDelay.For(_clock, TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            }
        }
    }

    private async Task<T> GetAsync<T>(string path)
        where T : class
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("http://relay.sim" + path));
        using var response = await _http.InvokeAsync(request).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"status {(int)response.StatusCode}");
        }

        return StandInWire.Read<T>(Network.HttpBodies.Read(response.Content));
    }

    public async Task StopAsync()
    {
        lock (_gate)
        {
            _stopping = true;
        }

        _dispatch.Complete();
        if (_worker is not null)
        {
            await _worker.ConfigureAwait(false);
        }

        await _socket.DisposeAsync().ConfigureAwait(false);
    }
}
