using Delight.Runtime.Actor;
using Delight.Runtime.Relay.Auth;
using Delight.Runtime.Relay.Commands;
using Delight.Runtime.Relay.Connections;
using Delight.Runtime.Relay.Events;
using Delight.Runtime.Relay.Http;
using Delight.Runtime.Relay.State;
using Delight.Runtime.Relay.Storage;
using Delight.Runtime.Relay.Wire;

namespace Delight.Runtime.Relay;

/// <summary>
/// The relay: authenticates socket handshakes, parses inbound events into typed events at the edge, stamps them with
/// the time and new ids, and routes each to its account's runtime (created on first use). A real Socket.IO front and
/// the simulated network both call <see cref="OnConnectedAsync"/>, <see cref="OnEventAsync"/> and
/// <see cref="OnDisconnectedAsync"/>, in socket order per connection.
/// </summary>
public sealed class RelayServer : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, AccountRuntime> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Registered> _connections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccountSnapshot> _saved = new(StringComparer.Ordinal);
    private readonly IActorObserver<AccountState, RelayEvent, RelayCommand>? _observer;
    private bool _stopped;

    private sealed record Registered(IRelayClientConnection Connection, string AccountId, ConnectionOutbox Outbox);

    public RelayServer(RelayOptions options, IActorObserver<AccountState, RelayEvent, RelayCommand>? observer = null)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        _observer = observer;
        Auth = new RelayAuthService(options);
        foreach (var snapshot in options.Store.LoadAccounts())
        {
            _saved[snapshot.AccountId] = snapshot;
        }
    }

    public RelayOptions Options { get; }

    public RelayAuthService Auth { get; }

    private long NowMs => Options.Time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>A new connection. Refusals follow PROTOCOL.md §1.3: <c>error {message}</c>, then a server disconnect.</summary>
    public async Task<RelayEventOutcome> OnConnectedAsync(IRelayClientConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var (info, refusal) = Validate(connection);
        if (info is null)
        {
            await connection.SendAsync("error", RelayWireCodec.Serialize(new HandshakeErrorPayload(refusal!))).ConfigureAwait(false);
            await connection.CloseAsync("io server disconnect").ConfigureAwait(false);
            return RelayEventOutcome.Rejected(refusal!);
        }

        var account = GetAccount(info.AccountId);
        var outbox = new ConnectionOutbox(connection, Options);
        lock (_gate)
        {
            _connections[connection.Id] = new Registered(connection, info.AccountId, outbox);
        }

        await account.PostAsync(new ClientConnected(info, NowMs)).ConfigureAwait(false);
        return RelayEventOutcome.Queued;
    }

    private (ConnectionInfo? Info, string? Refusal) Validate(IRelayClientConnection connection)
    {
        var auth = connection.Auth;
        if (auth is null)
        {
            return (null, "Missing authentication data");
        }

        if (string.IsNullOrEmpty(auth.Token))
        {
            return (null, "missing authentication token");
        }

        ClientScope scope;
        switch (auth.ClientType)
        {
            case null or "" or HandshakeAuth.UserScoped:
                scope = ClientScope.UserScoped;
                break;
            case HandshakeAuth.SessionScoped when string.IsNullOrEmpty(auth.SessionId):
                return (null, "session ID required for session-scoped clients");
            case HandshakeAuth.SessionScoped:
                scope = ClientScope.SessionScoped;
                break;
            case HandshakeAuth.TerminalScoped when string.IsNullOrEmpty(auth.TerminalId):
                return (null, "terminal ID required for terminal-scoped clients");
            case HandshakeAuth.TerminalScoped:
                scope = ClientScope.TerminalScoped;
                break;
            default:
                return (null, "invalid client type: " + auth.ClientType);
        }

        if (Options.Tokens.Verify(auth.Token) is not { } accountId)
        {
            return (null, "Invalid authentication token");
        }

        return (new ConnectionInfo(connection.Id, accountId, scope,
            scope == ClientScope.SessionScoped ? auth.SessionId : null,
            scope == ClientScope.TerminalScoped ? auth.TerminalId : null), null);
    }

    /// <summary>One client-to-server event. <paramref name="ack"/> is set when the client asked for an ack.</summary>
    public async Task<RelayEventOutcome> OnEventAsync(IRelayClientConnection connection, string eventName, string payloadJson, Func<string, Task>? ack)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Registered? registered;
        lock (_gate)
        {
            _connections.TryGetValue(connection.Id, out registered);
        }

        if (registered is null)
        {
            return RelayEventOutcome.Rejected("connection is not authenticated");
        }

        var account = GetAccount(registered.AccountId);
        var id = connection.Id;
        var relayAck = ack is null ? null : new RelayAck(id, ack);
        var now = NowMs;
        RelayEvent? @event = eventName switch
        {
            "message" => RelayWireCodec.ParseMessage(payloadJson) is { Ok: true } m
                ? new MessageReceived(id, m.Value!, Options.Ids.NextId(), now) : null,
            "session-alive" => RelayWireCodec.ParseSessionAlive(payloadJson) is { Ok: true } a ? new SessionAliveReceived(id, a.Value!, now) : null,
            "terminal-alive" => RelayWireCodec.ParseTerminalAlive(payloadJson) is { Ok: true } t ? new TerminalAliveReceived(id, t.Value!, now) : null,
            "ephemeral" => RelayWireCodec.ParseEphemeralObject(payloadJson) is { Ok: true } e ? new EphemeralReceived(id, e.Value!, now) : null,
            "rpc-register" => RelayWireCodec.ParseRpcMethod(payloadJson) is { Ok: true } r ? new RpcRegisterReceived(id, r.Value!.Method, now) : null,
            "rpc-unregister" => RelayWireCodec.ParseRpcMethod(payloadJson) is { Ok: true } u ? new RpcUnregisterReceived(id, u.Value!.Method, now) : null,
            "update-metadata" when relayAck is not null => new UpdateMetadataReceived(id, RelayWireCodec.ParseUpdateMetadata(payloadJson).Value, relayAck, now),
            "update-state" when relayAck is not null => new UpdateStateReceived(id, RelayWireCodec.ParseUpdateState(payloadJson).Value, relayAck, now),
            "terminal-update-metadata" when relayAck is not null => new TerminalUpdateMetadataReceived(id, RelayWireCodec.ParseTerminalUpdateMetadata(payloadJson).Value, relayAck, now),
            "terminal-update-state" when relayAck is not null => new TerminalUpdateStateReceived(id, RelayWireCodec.ParseTerminalUpdateState(payloadJson).Value, relayAck, now),
            "rpc-call" when relayAck is not null => RelayWireCodec.ParseRpcCall(payloadJson) is var c
                ? new RpcCallReceived(id, c.Value, c.Error, relayAck, now) : null,
            _ => null,
        };

        if (@event is null)
        {
            var reason = $"'{eventName}' was not understood (unknown event, missing ack, or invalid payload)";
            Options.Diagnostics?.OnDropped(registered.AccountId, id, eventName, reason);
            return RelayEventOutcome.Rejected(reason);
        }

        await account.PostAsync(@event).ConfigureAwait(false);
        return RelayEventOutcome.Queued;
    }

    /// <summary>The connection is gone. Frames still queued for it are attempted and fail quietly.</summary>
    public async Task OnDisconnectedAsync(IRelayClientConnection connection, string reason)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Registered? registered;
        lock (_gate)
        {
            if (_connections.Remove(connection.Id, out registered) is false)
            {
                return;
            }
        }

        _ = registered!.Outbox.CloseAsync();
        await GetAccount(registered.AccountId).PostAsync(new ClientDisconnected(connection.Id, NowMs)).ConfigureAwait(false);
    }

    /// <summary>Answers a protected HTTP request for the token's account (401 when the token is bad).</summary>
    public async Task<RelayHttpResponse> HandleHttpAsync(string? token, AccountHttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(token))
        {
            return RelayHttpResponse.Error(401, "missing token");
        }

        if (Options.Tokens.Verify(token) is not { } accountId)
        {
            return RelayHttpResponse.Error(401, "invalid token");
        }

        var reply = new HttpReply();
        var newId = request is CreateSessionRequest ? Options.Ids.NextId() : string.Empty;
        await GetAccount(accountId).PostAsync(new HttpRequested(request, newId, reply, NowMs)).ConfigureAwait(false);
        return await reply.Task.ConfigureAwait(false);
    }

    /// <summary>The account's runtime, created (from the store, if saved) on first use.</summary>
    public AccountRuntime GetAccount(string accountId)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopped, this);
            if (!_accounts.TryGetValue(accountId, out var runtime))
            {
                var initial = _saved.TryGetValue(accountId, out var saved)
                    ? AccountState.Empty(accountId) with { UserSeq = saved.UserSeq, Sessions = ResetActivity(saved), Terminals = saved.Terminals }
                    : AccountState.Empty(accountId);
                runtime = new AccountRuntime(this, Options, initial, _observer);
                _accounts[accountId] = runtime;
            }

            return runtime;
        }
    }

    /// <summary>On start every active flag is cleared (HIST 9a122ad): no socket is connected yet.</summary>
    private static System.Collections.Immutable.ImmutableSortedDictionary<string, SessionRecord> ResetActivity(AccountSnapshot saved)
    {
        var sessions = saved.Sessions;
        foreach (var session in saved.Sessions.Values)
        {
            sessions = sessions.SetItem(session.Id, session with { Active = false, Turn = session.Turn with { Open = false } });
        }

        return sessions;
    }

    internal ConnectionOutbox? FindOutbox(string connectionId)
    {
        lock (_gate)
        {
            return _connections.TryGetValue(connectionId, out var registered) ? registered.Outbox : null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        AccountRuntime[] accounts;
        Registered[] connections;
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            accounts = [.. _accounts.Values];
            connections = [.. _connections.Values];
            _connections.Clear();
        }

        foreach (var account in accounts)
        {
            await account.StopAsync().ConfigureAwait(false);
        }

        foreach (var connection in connections)
        {
            await connection.Outbox.CloseAsync().ConfigureAwait(false);
        }
    }
}
