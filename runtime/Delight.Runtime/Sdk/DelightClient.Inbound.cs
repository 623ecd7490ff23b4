using System.Text;
using System.Text.Json;
using Delight.Runtime.Relay.Http;
using Delight.Runtime.Relay.Wire;
using Delight.Runtime.Transport;

namespace Delight.Runtime.Sdk;

// Socket-side processing: every handler only queues to the dispatcher, in socket order, and returns.
public sealed partial class DelightClient
{
    private sealed class SocketHandler(DelightClient client, long generation) : ISocketHandler
    {
        public Task OnConnectedAsync() => client._dispatch.PostAsync(() => client.HandleConnectedAsync(generation)).AsTask();

        public Task OnDisconnectedAsync(string reason) => client._dispatch.PostAsync(() => client.HandleDisconnectedAsync(generation, reason)).AsTask();

        public Task OnEventAsync(string eventName, string payloadJson, Func<string, Task>? ack) =>
            client._dispatch.PostAsync(() => client.HandleEventAsync(generation, eventName, payloadJson)).AsTask();

        public Task OnAuthErrorAsync(string message) =>
            client._dispatch.PostAsync(() =>
            {
                client.Notify(l => l.OnError("auth error: " + message));
                return Task.CompletedTask;
            }).AsTask();
    }

    private Task HandleConnectedAsync(long generation)
    {
        if (generation != _socketGeneration)
        {
            return Task.CompletedTask; // a replaced socket's late event
        }

        _connected = true;

        Volatile.Write(ref _connectedFlag, true);
        _connectWaiter?.TrySetResult(true);
        Notify(l => l.OnConnected());
        RefreshAllUi();
        StartSessionsRefresh(generation);
        return Task.CompletedTask;
    }

    private Task HandleDisconnectedAsync(long generation, string reason)
    {
        if (generation != _socketGeneration || !_connected)
        {
            return Task.CompletedTask;
        }

        _connected = false;

        Volatile.Write(ref _connectedFlag, false);
        Notify(l => l.OnDisconnected(reason));
        RefreshAllUi();
        return Task.CompletedTask;
    }

    private async Task HandleEventAsync(long generation, string eventName, string payloadJson)
    {
        if (generation != _socketGeneration)
        {
            return;
        }

        switch (eventName)
        {
            case "update":
                await HandleUpdateAsync(payloadJson).ConfigureAwait(false);
                break;
            case "ephemeral":
                HandleEphemeral(payloadJson);
                break;
            default:
                break; // rpc-registered and friends are not for the phone
        }
    }

    private async Task HandleUpdateAsync(string json)
    {
        UpdateEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize<UpdateEnvelope>(json, RelayWireCodec.Options);
        }
        catch (JsonException ex)
        {
            Notify(l => l.OnError("unreadable update: " + ex.Message));
            return;
        }

        if (envelope?.Body is null)
        {
            Notify(l => l.OnError("update without body"));
            return;
        }

        switch (envelope.Body)
        {
            case NewMessageBody m:
                await OfferAsync(m.Sid, m.Message, envelope.CreatedAt).ConfigureAwait(false);
                return;
            case UpdateSessionBody u:
                ApplyUpdateSession(u);
                break;
            case NewSessionBody n:
                if (n.DataEncryptionKey is { } wrapped)
                {
                    _wrappedKeys[n.Id] = wrapped;
                    TryUnwrap(n.Id, wrapped);
                }

                SetEntry((_cache.GetValueOrDefault(n.Id) ?? SessionCacheEntry.New(n.Id)) with { Online = n.Active });
                break;
            case DeleteSessionBody d:
                _cache.Remove(d.Sid);
                _ui = _ui.Remove(d.Sid);
                Volatile.Write(ref _sessions, _sessions.Remove(d.Sid));
                break;
            default:
                break;
        }

        var update = envelope;
        Notify(l => l.OnUpdate(new SdkServerUpdate(update)));
    }

    /// <summary>Applies an agentState carried by update-session only when its version is newer than the cached one
    /// (upstream did not compare, so a late update rolled the phone's view back).</summary>
    private void ApplyUpdateSession(UpdateSessionBody update)
    {
        if (update.AgentState is not { } state)
        {
            return;
        }

        var entry = _cache.GetValueOrDefault(update.Id) ?? SessionCacheEntry.New(update.Id);
        if (state.Version <= entry.AgentStateVersion)
        {
            return;
        }

        SetEntry(entry with { AgentStateVersion = state.Version, AgentStateJson = state.Value, ControlledByUser = ControlledByUser(state.Value, entry.ControlledByUser), Switching = false });
    }

    private void HandleEphemeral(string json)
    {
        string? type = null;
        string? id = null;
        bool? active = null;
        bool? working = null;
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            type = Text(root, "type") ?? Text(root, "t");
            id = Text(root, "id") ?? Text(root, "sid") ?? Text(root, "sessionId");
            active = root.TryGetProperty("active", out var a) && a.ValueKind is JsonValueKind.True or JsonValueKind.False ? a.GetBoolean() : null;
            working = root.TryGetProperty("working", out var w) && w.ValueKind is JsonValueKind.True or JsonValueKind.False ? w.GetBoolean() : null;
        }
        catch (JsonException ex)
        {
            Notify(l => l.OnError("unreadable ephemeral: " + ex.Message));
            return;
        }

        if (type == "activity" && id is not null)
        {
            var entry = _cache.GetValueOrDefault(id) ?? SessionCacheEntry.New(id);
            var isActive = active ?? entry.Online;
            var isWorking = isActive && (working ?? entry.Working);
            entry = entry with
            {
                Online = isActive,
                Working = isWorking,
                WorkingSeenAtMs = isWorking ? NowMs : entry.WorkingSeenAtMs,
                SendPendingUntilMs = isWorking || !isActive ? 0 : entry.SendPendingUntilMs, // the relay has seen the turn
                Switching = isActive && entry.Switching,
            };
            SetEntry(entry);
        }

        var ephemeral = new SdkEphemeral(type ?? string.Empty, id, json);
        Notify(l => l.OnEphemeral(ephemeral));
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>Decrypts and offers one message to the session's applied view; a message whose key is not known yet
    /// waits, and a session list refresh is started to fetch the key (HIST 9c4cd5e).</summary>
    /// <summary>A gap (for example our own messages, which the relay does not echo to their sender, or updates
    /// missed while disconnected) starts one history fetch after the applied seq; what arrives fills the gap.</summary>
    private async Task OfferAsync(string sessionId, WireMessage message, long createdAt, bool fetchGaps = true)
    {
        if (!_sessionKeys.TryGetValue(sessionId, out var key))
        {
            if (!_awaitingKey.TryGetValue(sessionId, out var waiting))
            {
                _awaitingKey[sessionId] = waiting = [];
                _ = StartListSessions();
            }

            waiting.Add(message);
            return;
        }

        var plaintext = _options.Crypto.Decrypt(key, message.Content.C);
        if (plaintext is null)
        {
            Notify(l => l.OnError($"cannot decrypt message {message.Seq} of session {sessionId}"));
            return;
        }

        var logs = _logs;
        var log = logs.GetValueOrDefault(sessionId) ?? AppliedMessageLog.Empty;
        var (next, newly) = log.Offer(new AppliedMessage(message.Seq, message.Id, message.LocalId, Encoding.UTF8.GetString(plaintext), message.CreatedAt));
        Volatile.Write(ref _logs, logs.SetItem(sessionId, next));
        foreach (var applied in newly)
        {
            var update = new SdkMessageApplied(sessionId, applied, createdAt);
            Notify(l => l.OnUpdate(update));
        }

        if (fetchGaps && !next.Waiting.IsEmpty && _token is not null && _gapFetches.Add(sessionId))
        {
            _ = EndGapFetchAsync(StartFetch(sessionId, next.AppliedThrough, 500), sessionId);
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private async Task EndGapFetchAsync(Task fetch, string sessionId)
    {
        try
        {
            await fetch.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // reported by the fetch itself
        }

        await _dispatch.PostAsync(() =>
        {
            _gapFetches.Remove(sessionId);
            return Task.CompletedTask;
        }).ConfigureAwait(false);
    }

    private async Task RetryAwaitingKeyAsync(string sessionId)
    {
        if (!_sessionKeys.ContainsKey(sessionId) || !_awaitingKey.Remove(sessionId, out var waiting))
        {
            return;
        }

        foreach (var message in waiting)
        {
            await OfferAsync(sessionId, message, message.CreatedAt).ConfigureAwait(false);
        }
    }

    private void TryUnwrap(string sessionId, string wrapped)
    {
        if (_sessionKeys.ContainsKey(sessionId))
        {
            return;
        }

        if (_options.Crypto.UnwrapDataKey(_masterKey ?? [], wrapped) is { Length: 32 } key)
        {
            _sessionKeys[sessionId] = key;
        }
    }

    private void ApplySessionRow(WireSession session, long fetchedAtMs)
    {
        if (session.DataEncryptionKey is { } wrapped)
        {
            _wrappedKeys[session.Id] = wrapped;
            TryUnwrap(session.Id, wrapped);
        }

        var entry = _cache.GetValueOrDefault(session.Id) ?? SessionCacheEntry.New(session.Id);

        // Sticky working: a list saying idle right after we saw working is likely older than that activity.
        var working = session.Working
            || (entry.Working && fetchedAtMs - entry.WorkingSeenAtMs < (long)_options.StickyWorking.TotalMilliseconds);
        entry = entry with
        {
            Online = session.Active,
            Working = session.Active && working,
            WorkingSeenAtMs = session.Working ? fetchedAtMs : entry.WorkingSeenAtMs,
            FetchedAtMs = fetchedAtMs,
        };
        if (session.AgentStateVersion > entry.AgentStateVersion)
        {
            entry = entry with { AgentStateVersion = session.AgentStateVersion, AgentStateJson = session.AgentState, ControlledByUser = ControlledByUser(session.AgentState, entry.ControlledByUser) };
        }

        SetEntry(entry);
    }

    private static bool ControlledByUser(string? agentStateJson, bool fallback)
    {
        if (string.IsNullOrEmpty(agentStateJson))
        {
            return fallback;
        }

        try
        {
            using var doc = JsonDocument.Parse(agentStateJson);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("controlledByUser", out var c)
                && c.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? c.GetBoolean()
                : fallback;
        }
        catch (JsonException)
        {
            return fallback;
        }
    }

    /// <summary>Stores an entry and, when the derived UI changed, publishes it and emits <c>session-ui</c>.</summary>
    private void SetEntry(SessionCacheEntry entry)
    {
        _cache[entry.Id] = entry;
        Volatile.Write(ref _sessions, _sessions.SetItem(entry.Id, entry));
        PublishUi(entry);
    }

    private void PublishUi(SessionCacheEntry entry)
    {
        var now = NowMs;
        var ui = entry.DeriveUi(_connected, now, (long)_options.SwitchingTtl.TotalMilliseconds);
        var current = _ui;
        if (current.TryGetValue(entry.Id, out var previous) && previous == ui)
        {
            return;
        }

        Volatile.Write(ref _ui, current.SetItem(entry.Id, ui));
        var update = new SdkSessionUi(entry.Id, ui, now);
        Notify(l => l.OnUpdate(update));
    }

    private void RefreshAllUi()
    {
        foreach (var entry in _cache.Values.OrderBy(e => e.Id, StringComparer.Ordinal).ToList())
        {
            PublishUi(entry);
        }
    }

    private Task<RpcOutcome> StartRpc(string method, string paramsJson)
    {
        if (_socket is not { } socket || !_connected)
        {
            return Task.FromResult(RpcOutcome.Failure("not connected"));
        }

        // A switch marks the session as switching, after validating the target mode (upstream marked first and
        // left the spinner up when the check failed).
        string? switchSession = null;
        if (method.EndsWith(":switch", StringComparison.Ordinal))
        {
            var sessionId = method[..^":switch".Length];
            var mode = SwitchTarget(paramsJson);
            var entry = _cache.GetValueOrDefault(sessionId) ?? SessionCacheEntry.New(sessionId);
            if (mode == "remote" && entry.ControlState(_connected) is not (SessionControlState.Local or SessionControlState.Remote))
            {
                return Task.FromResult(RpcOutcome.Failure("cannot switch: session " + entry.ControlState(_connected).ToString().ToLowerInvariant()));
            }

            switchSession = sessionId;
            SetEntry(entry with { Switching = true, Transition = "to-" + mode, SwitchingAtMs = NowMs });
        }

        var payload = JsonSerializer.Serialize(new RpcCallOut(method, paramsJson));
        return OffDispatcher(
            () => socket.EmitWithAckAsync("rpc-call", payload, _options.RpcAckTimeout),
            (ackJson, error) => Task.FromResult(FinishRpc(switchSession, ackJson, error)));
    }

    private sealed record RpcCallOut(
        [property: System.Text.Json.Serialization.JsonPropertyName("method")] string Method,
        [property: System.Text.Json.Serialization.JsonPropertyName("params")] string Params);

    private RpcOutcome FinishRpc(string? switchSession, string? ackJson, Exception? error)
    {
        RpcOutcome outcome;
        if (error is not null || ackJson is null)
        {
            outcome = RpcOutcome.Failure(error is SocketAckTimeoutException ? "rpc timed out" : error?.Message ?? "no ack");
        }
        else
        {
            outcome = ParseRpcAck(ackJson);
        }

        if (switchSession is not null && _cache.TryGetValue(switchSession, out var entry))
        {
            var mode = outcome.Ok && outcome.ResultJson is { } result ? SwitchTarget(result) : null;
            SetEntry(mode is "local" or "remote"
                ? entry with { Switching = false, ControlledByUser = mode == "local" }
                : entry with { Switching = false });
        }

        return outcome;
    }

    private static RpcOutcome ParseRpcAck(string ackJson)
    {
        try
        {
            using var doc = JsonDocument.Parse(ackJson);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("ok", out var ok) || ok.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return RpcOutcome.Failure("malformed rpc ack");
            }

            if (!ok.GetBoolean())
            {
                return RpcOutcome.Failure(Text(root, "error") ?? "rpc failed");
            }

            return new RpcOutcome(true, root.TryGetProperty("result", out var r) ? r.GetRawText() : null, null);
        }
        catch (JsonException)
        {
            return RpcOutcome.Failure("malformed rpc ack");
        }
    }

    private static string? SwitchTarget(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.Object ? Text(doc.RootElement, "mode") : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
