using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Delight.Runtime.Mutants;
using Delight.Runtime.Relay.Http;
using Delight.Runtime.Relay.Wire;
using Delight.Runtime.Transport;

namespace Delight.Runtime.Sdk;

/// <summary>
/// The phone side's client (RUNTIME.md §4), thread-safe: any number of threads may call it at once. Every call runs
/// on one dispatcher (a mailbox plus one worker), which alone owns the SDK state. Blocking work (an RPC waiting for
/// its ack, an HTTP round trip, a connect) is started on the dispatcher, awaited off it, and re-enters the dispatcher
/// with its result as a new work item; so socket updates, which are queued to the same dispatcher in socket order,
/// are never stuck behind a slow call (upstream holds its dispatcher for up to 10-15 s). Listener callbacks run in
/// order on a second worker. Snapshots (<see cref="GetAppliedMessages"/>, <see cref="GetSessionUi"/>) are immutable
/// and readable from any thread without queuing.
/// </summary>
public sealed partial class DelightClient : IAsyncDisposable
{
    private readonly SdkOptions _options;
    private readonly SdkDispatcher _dispatch;
    private readonly SdkCallbacks _callbacks;
    private readonly ISdkHttp _http;
    private ISdkListener? _listener;

    // Dispatcher-owned state.
    private string? _token;
    private byte[]? _masterKey;
    private readonly Dictionary<string, byte[]> _sessionKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _wrappedKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SessionCacheEntry> _cache = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<WireMessage>> _awaitingKey = new(StringComparer.Ordinal);
    private readonly HashSet<string> _gapFetches = new(StringComparer.Ordinal);
    private ISocketConnection? _socket;
    private long _socketGeneration;
    private bool _connected;
    private bool _connectedFlag;
    private TaskCompletionSource<bool>? _connectWaiter;
    private Task _notifyTail = Task.CompletedTask;

    // Published snapshots (written on the dispatcher, read anywhere).
    private ImmutableDictionary<string, AppliedMessageLog> _logs = ImmutableDictionary.Create<string, AppliedMessageLog>(StringComparer.Ordinal);
    private ImmutableDictionary<string, SessionUi> _ui = ImmutableDictionary.Create<string, SessionUi>(StringComparer.Ordinal);
    private ImmutableDictionary<string, SessionCacheEntry> _sessions = ImmutableDictionary.Create<string, SessionCacheEntry>(StringComparer.Ordinal);

    public DelightClient(SdkOptions options, ISdkListener? listener = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _listener = listener;
        _http = options.HttpTransport
            ?? (options.Http is { } http ? new HttpClientSdkHttp(http) : throw new ArgumentException("SdkOptions needs Http or HttpTransport.", nameof(options)));
        _callbacks = new SdkCallbacks(options.Mailboxes, options.CallbackCapacity, () => Volatile.Read(ref _listener));
        _dispatch = new SdkDispatcher(options.Mailboxes, options.DispatcherCapacity, ex => Notify(l => l.OnError("sdk: " + ex.Message)));
    }

    private long NowMs => _options.Time.GetUtcNow().ToUnixTimeMilliseconds();

    public void SetListener(ISdkListener? listener) => Volatile.Write(ref _listener, listener);

    /// <summary>Messages applied so far for a session, in seq order, each once.</summary>
    public ImmutableList<AppliedMessage> GetAppliedMessages(string sessionId) =>
        Volatile.Read(ref _logs).TryGetValue(sessionId, out var log) ? log.Applied : [];

    /// <summary>The last derived UI of a session (null when the session is unknown).</summary>
    public SessionUi? GetSessionUi(string sessionId) => Volatile.Read(ref _ui).GetValueOrDefault(sessionId);

    /// <summary>The cached view of a session (online, working, agent state and its version), or null when unknown.</summary>
    public SessionCacheEntry? GetSession(string sessionId) => Volatile.Read(ref _sessions).GetValueOrDefault(sessionId);

    /// <summary>True while the user socket is connected.</summary>
    public bool IsConnected => Volatile.Read(ref _connectedFlag);

    public Task SetTokenAsync(string token) => _dispatch.CallAsync(() =>
    {
        _token = token;
        return Task.FromResult(true);
    });

    public Task SetMasterKeyAsync(byte[] masterKey) => _dispatch.CallAsync(() =>
    {
        _masterKey = masterKey is { Length: 32 } ? [.. masterKey] : throw new ArgumentException("The master key must be 32 bytes.", nameof(masterKey));
        foreach (var (sid, wrapped) in _wrappedKeys)
        {
            TryUnwrap(sid, wrapped);
        }

        return Task.FromResult(true);
    });

    /// <summary>Sets a session's 32-byte data key directly.</summary>
    public Task SetSessionDataKeyAsync(string sessionId, byte[] key) => _dispatch.CallAsync(async () =>
    {
        _sessionKeys[sessionId] = key is { Length: 32 } ? [.. key] : throw new ArgumentException("A data key must be 32 bytes.", nameof(key));
        await RetryAwaitingKeyAsync(sessionId).ConfigureAwait(false);
        return true;
    });

    /// <summary>Challenge-response login (PROTOCOL.md §9.8); <paramref name="sign"/> signs the raw challenge bytes.</summary>
    public async Task<SdkHttpOutcome<string>> AuthenticateAsync(string publicKeyBase64, Func<byte[], byte[]> sign)
    {
        ArgumentNullException.ThrowIfNull(sign);
        var challenge = await PostJsonAsync<JsonElement>("/v1/auth/challenge", new { publicKey = publicKeyBase64 }, token: null).ConfigureAwait(false);
        if (challenge.Error is not null)
        {
            return new SdkHttpOutcome<string>(null, challenge.StatusCode, challenge.Error);
        }

        var bytes = Convert.FromBase64String(challenge.Json.GetProperty("challenge").GetString() ?? string.Empty);
        var login = await PostJsonAsync<JsonElement>("/v1/auth", new
        {
            publicKey = publicKeyBase64,
            challengeId = challenge.Json.GetProperty("challengeId").GetString(),
            signature = Convert.ToBase64String(sign(bytes)),
        }, token: null).ConfigureAwait(false);
        if (login.Error is not null || login.Json.GetProperty("token").GetString() is not { } token)
        {
            return new SdkHttpOutcome<string>(null, login.StatusCode, login.Error ?? "no token in response");
        }

        await SetTokenAsync(token).ConfigureAwait(false);
        return new SdkHttpOutcome<string>(token, login.StatusCode, null);
    }

    /// <summary>Opens the user-scoped socket (closing a previous one first: upstream leaked it, 4.2) and waits up
    /// to the connect timeout. True when connected.</summary>
    public async Task<bool> ConnectAsync()
    {
        var chain = await _dispatch.CallAsync(() => Task.FromResult(StartConnect())).ConfigureAwait(false);
        return await chain.ConfigureAwait(false);
    }

    private Task<bool> StartConnect()
    {
        if (_token is null)
        {
            Notify(l => l.OnError("cannot connect: no token"));
            return Task.FromResult(false);
        }

        var old = _socket;
        CloseSocket("reconnect");
        _ = DisposeQuietlyAsync(old);
        var generation = ++_socketGeneration;
        var socket = _options.UserSocketFactory(_token);
        socket.SetHandler(new SocketHandler(this, generation));
        _socket = socket;
        var waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _connectWaiter = waiter;
        return OffDispatcher(
            async () =>
            {
                await socket.ConnectAsync().ConfigureAwait(false);
                return await Actor.TaskWaits.WaitAsync(waiter.Task, _options.ConnectTimeout, _options.Time).ConfigureAwait(false);
            },
            (connected, error) =>
            {
                if (generation != _socketGeneration || !connected || error is not null)
                {
                    Notify(l => l.OnError("connect failed: " + (error?.Message ?? "not connected")));
                    return Task.FromResult(false);
                }

                // The sessions (and their keys) are listed in the background on the connect itself, like upstream's
                // asynchronous listSessions (see StartSessionsRefresh).
                return Task.FromResult(true);
            });
    }

    public Task DisconnectAsync() => _dispatch.CallAsync(() =>
    {
        var old = _socket;
        CloseSocket("closed");
        _ = DisposeQuietlyAsync(old);
        return Task.FromResult(true);
    });

    private void CloseSocket(string reason)
    {
        if (_socket is null)
        {
            return;
        }

        _socket = null;
        _socketGeneration++;
        _connectWaiter?.TrySetResult(false);
        if (_connected)
        {
            _connected = false;
            Volatile.Write(ref _connectedFlag, false);
            Notify(l => l.OnDisconnected(reason));
            RefreshAllUi();
        }
    }

    private async Task DisposeQuietlyAsync(ISocketConnection? socket)
    {
        if (socket is null)
        {
            return;
        }

        try
        {
            await socket.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Notify(l => l.OnError("closing the socket failed: " + ex.Message));
        }
    }

    /// <summary><c>GET /v1/sessions</c>: stores data keys and refreshes the per-session cache and UI.</summary>
    public async Task<SdkHttpOutcome<SessionsBody>> ListSessionsAsync()
    {
        var chain = await _dispatch.CallAsync(() => Task.FromResult(StartListSessions())).ConfigureAwait(false);
        return await chain.ConfigureAwait(false);
    }

    private Task<SdkHttpOutcome<SessionsBody>> StartListSessions()
    {
        var token = _token;
        var fetchedAt = NowMs;
        return OffDispatcher(
            () => GetJsonAsync<SessionsBody>("/v1/sessions", token),
            async (result, error) =>
            {
                if (error is not null || result?.Value is not { } body)
                {
                    return result ?? new SdkHttpOutcome<SessionsBody>(null, 0, error?.Message);
                }

                foreach (var session in body.Sessions)
                {
                    ApplySessionRow(session, fetchedAt);
                }

                foreach (var session in body.Sessions)
                {
                    await RetryAwaitingKeyAsync(session.Id).ConfigureAwait(false);
                    if (_logs.TryGetValue(session.Id, out var log) && session.Seq > log.AppliedThrough && _sessionKeys.ContainsKey(session.Id))
                    {
                        _ = StartFetch(session.Id, log.AppliedThrough, 500); // messages the view has not seen yet
                    }
                }

                return result;
            });
    }

    /// <summary>Encrypts a user text record (PROTOCOL.md §6.2) and emits <c>message</c>.</summary>
    public Task<SendResult> SendMessageAsync(string sessionId, string text, string? localId = null, bool bypassGate = false) =>
        SendRawRecordAsync(sessionId, JsonSerializer.Serialize(new UserTextRecord("user", new UserTextContent("text", text))), localId, bypassGate);

    private sealed record UserTextRecord(
        [property: System.Text.Json.Serialization.JsonPropertyName("role")] string Role,
        [property: System.Text.Json.Serialization.JsonPropertyName("content")] UserTextContent Content);

    private sealed record UserTextContent(
        [property: System.Text.Json.Serialization.JsonPropertyName("type")] string Type,
        [property: System.Text.Json.Serialization.JsonPropertyName("text")] string Text);

    /// <summary>
    /// Sends a raw record. The gate (remote, not working, no send of ours still unseen by the relay) is checked on
    /// the dispatcher against a cache that includes our own in-flight send (3.10-H fix). It remains a UI-level
    /// guard: the CLI queues messages in order anyway; <paramref name="bypassGate"/> skips it (as the itests do).
    /// </summary>
    public async Task<SendResult> SendRawRecordAsync(string sessionId, string recordJson, string? localId = null, bool bypassGate = false)
    {
        var chain = await _dispatch.CallAsync(() => Task.FromResult(StartSend(sessionId, recordJson, localId ?? _options.NewLocalId(), bypassGate))).ConfigureAwait(false);
        return await chain.ConfigureAwait(false);
    }

    private Task<SendResult> StartSend(string sessionId, string recordJson, string localId, bool bypassGate)
    {
        if (_socket is not { } socket || !_connected)
        {
            return Task.FromResult(SendResult.Refused(localId, "cannot send: not connected"));
        }

        if (!_sessionKeys.TryGetValue(sessionId, out var key))
        {
            return Task.FromResult(SendResult.Refused(localId, "cannot send: no data key for the session"));
        }

        var entry = _cache.GetValueOrDefault(sessionId) ?? SessionCacheEntry.New(sessionId);
        if (!bypassGate)
        {
            var now = NowMs;
            var refusal = entry.ControlState(_connected) switch
            {
                SessionControlState.Offline => "cannot send: session offline",
                SessionControlState.Local => "cannot send: session local",
                _ when entry.Working || (entry.SendPendingUntilMs > now && !MutantSwitches.IsArmed(Mutant.SdkStaleSendGate)) => "cannot send: session working",
                _ => null,
            };
            if (refusal is not null)
            {
                return Task.FromResult(SendResult.Refused(localId, refusal));
            }
        }

        var ciphertext = _options.Crypto.Encrypt(key, Encoding.UTF8.GetBytes(recordJson));
        SetEntry(entry with { SendPendingUntilMs = NowMs + (long)_options.PendingSendTtl.TotalMilliseconds });
        var payload = JsonSerializer.Serialize(new MessageOut(sessionId, localId, ciphertext));
        var generation = _socketGeneration;
        return OffDispatcher(
            () => socket.EmitAsync("message", payload),
            (_, error) =>
            {
                if (error is not null && generation == _socketGeneration)
                {
                    return Task.FromResult(SendResult.Refused(localId, "emit failed: " + error.Message));
                }

                return Task.FromResult(error is null ? SendResult.Ok(localId) : SendResult.Refused(localId, "emit failed: " + error.Message));
            });
    }

    private sealed record MessageOut(
        [property: System.Text.Json.Serialization.JsonPropertyName("sid")] string Sid,
        [property: System.Text.Json.Serialization.JsonPropertyName("localId")] string LocalId,
        [property: System.Text.Json.Serialization.JsonPropertyName("message")] string Message);

    public Task<RpcOutcome> SwitchModeAsync(string sessionId, string mode) =>
        CallRpcAsync(sessionId + ":switch", JsonSerializer.Serialize(new { mode }));

    public Task<RpcOutcome> AnswerPermissionAsync(string sessionId, string requestId, bool allow, string message = "") =>
        CallRpcAsync(sessionId + ":permission", JsonSerializer.Serialize(new { requestId, allow, message }));

    public Task<RpcOutcome> AbortAsync(string sessionId) => CallRpcAsync(sessionId + ":abort", "{}");

    public Task<RpcOutcome> SetAgentConfigAsync(string sessionId, string? model = null, string? reasoningEffort = null, string? permissionMode = null) =>
        CallRpcAsync(sessionId + ":agent-config", JsonSerializer.Serialize(new AgentConfigParams(model, reasoningEffort, permissionMode)));

    private sealed record AgentConfigParams(
        [property: System.Text.Json.Serialization.JsonPropertyName("model"), System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Model,
        [property: System.Text.Json.Serialization.JsonPropertyName("reasoningEffort"), System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? ReasoningEffort,
        [property: System.Text.Json.Serialization.JsonPropertyName("permissionMode"), System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? PermissionMode);

    /// <summary><c>rpc-call</c> with plaintext JSON params (what the app does, PROTOCOL.md §5.2) and the 10 s ack
    /// timeout. The wait runs off the dispatcher.</summary>
    public async Task<RpcOutcome> CallRpcAsync(string method, string paramsJson)
    {
        var chain = await _dispatch.CallAsync(() => Task.FromResult(StartRpc(method, paramsJson))).ConfigureAwait(false);
        return await chain.ConfigureAwait(false);
    }

    /// <summary>Loads a page of history (ascending, after <paramref name="afterSeq"/>), decrypts it and offers it to
    /// the applied view, which fills gaps left by missed updates. Returns the applied view.</summary>
    public async Task<ImmutableList<AppliedMessage>> GetMessagesAsync(string sessionId, long afterSeq = 0, int limit = 500)
    {
        var chain = await _dispatch.CallAsync(() => Task.FromResult(StartFetch(sessionId, afterSeq, limit))).ConfigureAwait(false);
        return await chain.ConfigureAwait(false);
    }

    private Task<ImmutableList<AppliedMessage>> StartFetch(string sessionId, long afterSeq, int limit)
    {
        var token = _token;
        return OffDispatcher(
            () => GetJsonAsync<MessagesBody>($"/v1/sessions/{Uri.EscapeDataString(sessionId)}/messages?afterSeq={afterSeq}&limit={limit}", token),
            async (result, error) =>
            {
                if (error is not null || result?.Value is not { } body)
                {
                    Notify(l => l.OnError("get messages failed: " + (error?.Message ?? result?.Error)));
                }
                else
                {
                    foreach (var message in body.Messages)
                    {
                        await OfferAsync(sessionId, message, NowMs, fetchGaps: false).ConfigureAwait(false);
                    }
                }

                return GetAppliedMessages(sessionId);
            });
    }

    /// <summary>Starts <paramref name="io"/> here, on the dispatcher (so frames reach the socket in call order),
    /// awaits it off the dispatcher, then re-enters the dispatcher with the result. The socket contract: an emit
    /// hands its frame over before returning its task and never blocks synchronously.</summary>
    private Task<TResult> OffDispatcher<TIo, TResult>(Func<Task<TIo>> io, Func<TIo?, Exception?, Task<TResult>> reenter)
    {
        Task<TIo> started;
        try
        {
            started = io();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            started = Task.FromException<TIo>(ex);
        }

        // The rest runs on the pool: re-entering from the dispatcher itself could wait on its own full mailbox.
        return Task.Run(async () =>
        {
            TIo? value = default;
            Exception? error = null;
            try
            {
                value = await started.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                error = ex;
            }

            return await _dispatch.CallAsync(() => reenter(value, error)).ConfigureAwait(false);
        });
    }

    private Task<TResult> OffDispatcher<TResult>(Func<Task> io, Func<bool, Exception?, Task<TResult>> reenter) =>
        OffDispatcher(async () =>
        {
            await io().ConfigureAwait(false);
            return true;
        }, reenter);

    /// <summary>Queues a listener call (dispatcher only). The dispatcher never waits for the callback worker, so a
    /// listener that calls back in, even blocking on the result, cannot deadlock it; if the (large) callback queue
    /// is ever full, later calls chain behind the waiting one so their order is kept.</summary>
    private void Notify(Action<ISdkListener> call)
    {
        if (_notifyTail.IsCompleted)
        {
            var posted = _callbacks.PostAsync(call);
            if (!posted.IsCompletedSuccessfully)
            {
                _notifyTail = posted.AsTask();
            }

            return;
        }

        _notifyTail = ChainNotifyAsync(_notifyTail, call);
    }

    private async Task ChainNotifyAsync(Task previous, Action<ISdkListener> call)
    {
        await previous.ConfigureAwait(false);
        await _callbacks.PostAsync(call).ConfigureAwait(false);
    }

    private async Task<SdkHttpOutcome<T>> GetJsonAsync<T>(string path, string? token)
        where T : class
    {
        var response = await _http.SendAsync(new SdkHttpRequest("GET", path, token, null)).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            return new SdkHttpOutcome<T>(null, response.StatusCode, ErrorText(response.Body));
        }

        try
        {
            return new SdkHttpOutcome<T>(JsonSerializer.Deserialize<T>(response.Body, RelayWireCodec.Options), response.StatusCode, null);
        }
        catch (JsonException ex)
        {
            return new SdkHttpOutcome<T>(null, response.StatusCode, "bad response: " + ex.Message);
        }
    }

    private async Task<(JsonElement Json, int StatusCode, string? Error)> PostJsonAsync<T>(string path, object body, string? token)
    {
        var response = await _http.SendAsync(new SdkHttpRequest("POST", path, token, JsonSerializer.Serialize(body))).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            return (default, response.StatusCode, ErrorText(response.Body));
        }

        try
        {
            return (JsonDocument.Parse(response.Body).RootElement.Clone(), response.StatusCode, null);
        }
        catch (JsonException ex)
        {
            return (default, response.StatusCode, "bad response: " + ex.Message);
        }
    }

    private static string ErrorText(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String
                ? e.GetString()!
                : body;
        }
        catch (JsonException)
        {
            return body;
        }
    }

    public async ValueTask DisposeAsync()
    {
        ISocketConnection? socket = null;
        try
        {
            socket = await _dispatch.CallAsync(() =>
            {
                var s = _socket;
                _socket = null;
                _socketGeneration++;
                return Task.FromResult(s);
            }).ConfigureAwait(false);
        }
        catch (Mailbox.MailboxClosedException)
        {
            // already disposed
        }

        await DisposeQuietlyAsync(socket).ConfigureAwait(false);
        await _dispatch.StopAsync().ConfigureAwait(false);
        await _callbacks.StopAsync().ConfigureAwait(false);
    }
}
