using Delight.Runtime.Mailbox;
using Delight.Runtime.Relay.Connections;
using Delight.Sim.Clock;
using Delight.Sim.Invariants;
using Delight.Sim.Network;
using Delight.Sim.Recording;
using Delight.Sim.StandIns.Wire;

namespace Delight.Sim.StandIns.Relay;

/// <summary>
/// Stand-in relay (RUNTIME.md §6): per-session message ingest serialized through one mailbox (seq allocation,
/// dedupe by local id, broadcast to every other socket), CAS agent-state writes with update-session fan-out, RPC
/// routing with a 30 s ack timeout, ephemerals to user-scoped sockets, and the HTTP listing/messages API.
/// </summary>
public sealed class StandInRelay : ISimRelayEndpoint, ISimHttpEndpoint
{
    public static readonly TimeSpan RpcTimeout = TimeSpan.FromSeconds(30);

    private readonly object _gate = new();
    private readonly TimeProvider _clock;
    private readonly SimLog _log;
    private readonly InvariantChecker _invariants;
    private readonly List<IRelayClientConnection> _connections = [];
    private readonly Dictionary<string, IRelayClientConnection> _rpc = new(StringComparer.Ordinal);
    private readonly List<StoredMessageDto> _messages = [];
    private readonly HashSet<string> _seenLocalIds = new(StringComparer.Ordinal);
    private readonly IMailbox<Ingest> _ingest;
    private readonly List<Task> _background = [];
    private readonly Task _ingestLoop;
    private long _version;
    private long _turnId;
    private bool _working;
    private string _agentStateJson = "{}";

    public StandInRelay(string sessionId, TimeProvider clock, SimLog log, InvariantChecker invariants)
    {
        SessionId = sessionId;
        _clock = clock;
        _log = log;
        _invariants = invariants;
        _ingest = SimulationMailboxFactory.Instance.Create<Ingest>(new MailboxOptions("relay-ingest", 256));
        _ingestLoop = Task.Run(IngestLoopAsync);
    }

    public string SessionId { get; }

    public long Version
    {
        get
        {
            lock (_gate)
            {
                return _version;
            }
        }
    }

    public long LastSeq
    {
        get
        {
            lock (_gate)
            {
                return _messages.Count == 0 ? 0 : _messages[^1].Seq;
            }
        }
    }

    public bool Working
    {
        get
        {
            lock (_gate)
            {
                return _working;
            }
        }
    }

    public string AgentStateJson
    {
        get
        {
            lock (_gate)
            {
                return _agentStateJson;
            }
        }
    }

    public IReadOnlyList<StoredMessageDto> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    public Task OnConnectedAsync(IRelayClientConnection connection)
    {
        lock (_gate)
        {
            _connections.Add(connection);
        }

        return Task.CompletedTask;
    }

    public Task OnDisconnectedAsync(IRelayClientConnection connection, string reason)
    {
        lock (_gate)
        {
            _connections.Remove(connection);
            foreach (var method in _rpc.Where(p => ReferenceEquals(p.Value, connection)).Select(p => p.Key).ToList())
            {
                _rpc.Remove(method);
            }
        }

        return Task.CompletedTask;
    }

    public async Task OnEventAsync(IRelayClientConnection connection, string eventName, string payloadJson, Func<string, Task>? ack)
    {
        switch (eventName)
        {
            case "message":
                // Socket handlers only enqueue: the ingest loop is the one serialized path per session.
                await _ingest.PostAsync(new Ingest(connection, StandInWire.Read<MessagePayload>(payloadJson), ack)).ConfigureAwait(false);
                break;
            case "update-state":
                await UpdateStateAsync(connection, StandInWire.Read<UpdateStatePayload>(payloadJson), ack).ConfigureAwait(false);
                break;
            case "rpc-register":
                lock (_gate)
                {
                    _rpc[StandInWire.Read<RpcRegisterPayload>(payloadJson).Method] = connection;
                }

                break;
            case "rpc-call":
                StartRpc(connection, StandInWire.Read<RpcCallPayload>(payloadJson), ack);
                break;
            case "session-alive":
                var alive = StandInWire.Read<SessionAlivePayload>(payloadJson);
                lock (_gate)
                {
                    // Follow the latest logical turn boundary, never an older keep-alive (S8).
                    if (alive.TurnId > _turnId || (alive.TurnId == _turnId && !alive.Working))
                    {
                        _turnId = alive.TurnId;
                        _working = alive.Working;
                    }
                }

                break;
            case "ephemeral":
                foreach (var target in Targets(except: connection, userScopedOnly: true))
                {
                    await target.SendAsync("ephemeral", payloadJson).ConfigureAwait(false);
                }

                break;
        }
    }

    public Task<SimHttpResponse> HandleAsync(string method, string pathAndQuery, string? body)
    {
        lock (_gate)
        {
            if (method == "GET" && pathAndQuery == "/v1/sessions")
            {
                var last = _messages.Count == 0 ? 0 : _messages[^1].Seq;
                return Task.FromResult(new SimHttpResponse(200, StandInWire.Write(new[] { new SessionListing(SessionId, last, _version, _agentStateJson) })));
            }

            var prefix = $"/v1/sessions/{SessionId}/messages?afterSeq=";
            if (method == "GET" && pathAndQuery.StartsWith(prefix, StringComparison.Ordinal)
                && long.TryParse(pathAndQuery[prefix.Length..], System.Globalization.CultureInfo.InvariantCulture, out var after))
            {
                return Task.FromResult(new SimHttpResponse(200, StandInWire.Write(_messages.Where(m => m.Seq > after).ToArray())));
            }

            return Task.FromResult(new SimHttpResponse(404, "{}"));
        }
    }

    private async Task IngestLoopAsync()
    {
        while (await _ingest.WaitToReceiveAsync().ConfigureAwait(false))
        {
            while (_ingest.TryReceive(out var item))
            {
                await IngestAsync(item).ConfigureAwait(false);
            }
        }
    }

    private async Task IngestAsync(Ingest item)
    {
        StoredMessageDto stored;
        var duplicate = false;
        lock (_gate)
        {
            if (!_seenLocalIds.Add(item.Payload.LocalId))
            {
                stored = _messages.First(m => m.LocalId == item.Payload.LocalId);
                duplicate = true;
            }
            else
            {
                var seq = _messages.Count == 0 ? 1 : _messages[^1].Seq + 1;
                var from = item.From.Auth.ClientType == HandshakeAuth.UserScoped ? "phone" : "cli";
                stored = new StoredMessageDto(seq, item.Payload.LocalId, item.Payload.Text, from);
                _invariants.Check(_messages.Count == 0 || _messages[^1].Seq == seq - 1, InvariantNames.RelaySeqsGapFree, $"seq {seq} after {(_messages.Count == 0 ? 0 : _messages[^1].Seq)}");
                _messages.Add(stored);
            }
        }

        if (item.Ack is not null)
        {
            await item.Ack(StandInWire.Write(new MessageAck(stored.Seq))).ConfigureAwait(false);
        }

        if (duplicate)
        {
            _log.Add("relay", "dedupe", $"local id {item.Payload.LocalId} already stored as seq {stored.Seq}");
            return;
        }

        _log.Add("relay", "ingest", $"seq {stored.Seq} {stored.LocalId} from {stored.From}");
        var update = StandInWire.Write(new UpdatePayload(SessionId, stored.Seq, stored.LocalId, stored.Text, stored.From));
        // Sent to the sender too, so every client sees the whole seq sequence and can detect gaps.
        foreach (var target in Targets(except: null, userScopedOnly: false))
        {
            await target.SendAsync("update", update).ConfigureAwait(false);
        }
    }

    private async Task UpdateStateAsync(IRelayClientConnection from, UpdateStatePayload payload, Func<string, Task>? ack)
    {
        UpdateStateAck result;
        string? broadcast = null;
        lock (_gate)
        {
            if (payload.ExpectedVersion != _version)
            {
                result = new UpdateStateAck("version-mismatch", _version);
            }
            else
            {
                _version++;
                _agentStateJson = payload.AgentStateJson;
                result = new UpdateStateAck("success", _version);
                broadcast = StandInWire.Write(new SessionUpdatePayload(SessionId, _version, _agentStateJson));
            }
        }

        _log.Add("relay", "update-state", $"{result.Result} v{result.Version}");
        if (ack is not null)
        {
            await ack(StandInWire.Write(result)).ConfigureAwait(false);
        }

        if (broadcast is not null)
        {
            foreach (var target in Targets(except: from, userScopedOnly: false))
            {
                await target.SendAsync("update-session", broadcast).ConfigureAwait(false);
            }
        }
    }

    private void StartRpc(IRelayClientConnection caller, RpcCallPayload call, Func<string, Task>? ack)
    {
        IRelayClientConnection? target;
        lock (_gate)
        {
            _rpc.TryGetValue(call.Method, out target);
        }

        var task = Task.Run(async () =>
        {
            RpcCallAck result;
            if (target is null || ReferenceEquals(target, caller))
            {
                result = new RpcCallAck(false, null, "method not registered");
            }
            else
            {
                try
                {
                    var reply = target.SendWithAckAsync("rpc-request", StandInWire.Write(new RpcRequestPayload(call.Method, call.ParamsJson)));
                    var timeout = VirtualDelay.For(_clock, RpcTimeout);
                    var first = await Task.WhenAny(reply, timeout).ConfigureAwait(false);
                    result = first == reply
                        ? new RpcCallAck(true, await reply.ConfigureAwait(false), null)
                        : new RpcCallAck(false, null, "rpc timeout");
                }
                catch (Exception e) when (e is Runtime.Transport.SocketDisconnectedException or InvalidOperationException)
                {
                    result = new RpcCallAck(false, null, "target disconnected");
                }
            }

            _log.Add("relay", "rpc-result", $"{call.Method} ok={result.Ok} {result.Error}");
            if (ack is not null)
            {
                await ack(StandInWire.Write(result)).ConfigureAwait(false);
            }
        });
        lock (_gate)
        {
            _background.Add(task);
        }
    }

    private List<IRelayClientConnection> Targets(IRelayClientConnection? except, bool userScopedOnly)
    {
        lock (_gate)
        {
            return [.. _connections.Where(c => !ReferenceEquals(c, except)
                && (!userScopedOnly || c.Auth.ClientType == HandshakeAuth.UserScoped))];
        }
    }

    public async Task StopAsync()
    {
        _ingest.Complete();
        await _ingestLoop.ConfigureAwait(false);
        Task[] background;
        lock (_gate)
        {
            background = [.. _background];
        }

        await Task.WhenAll(background).ConfigureAwait(false);
    }

    private sealed record Ingest(IRelayClientConnection From, MessagePayload Payload, Func<string, Task>? Ack);
}
