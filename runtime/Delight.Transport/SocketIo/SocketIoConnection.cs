using System.Text.Json;
using System.Threading.Channels;
using Delight.Runtime.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SocketIOClient;

namespace Delight.Transport.SocketIo;

/// <summary>
/// The real <see cref="ISocketConnection"/> on SocketIOClient 3.0.6 (PROTOCOL.md §1, §2; RUNTIME.md F6).
/// Every connection attempt is a fresh <see cref="SocketIO"/> client (the Go client's <c>forceNew</c>) with the
/// library's own reconnection off: this class owns the reconnect loop, so every new socket (including the one made
/// after a token refresh) reports <see cref="ISocketHandler.OnConnectedAsync"/> to the same handler, and the runtime
/// re-registers its RPC methods on it (upstream loses them after a token refresh, LATENT in F6).
/// Handler calls run one at a time, in socket order, on one dispatcher task.
/// </summary>
public sealed class SocketIoConnection : ISocketConnection
{
    private const string ErrorEvent = "error";

    // Only used if a frame note is missing (it should not be): the one server event of the protocol that wants an ack.
    private const string RpcRequestEvent = "rpc-request";

    private readonly SocketIoConnectionOptions options;
    private readonly ISocketTokenSource tokens;
    private readonly ILogger logger;
    private readonly object gate = new();
    private readonly SemaphoreSlim sendLock = new(1, 1);
    private readonly Queue<(string EventName, JsonElement Payload)> offlineFrames = new();
    private readonly Channel<Func<Task>> dispatch = Channel.CreateUnbounded<Func<Task>>(
        new UnboundedChannelOptions { SingleReader = true });

    private ISocketHandler? handler;
    private Task? dispatcherTask;
    private Task? loopTask;
    private CancellationTokenSource? loopCancellation;
    private SocketAttempt? live;
    private bool flushed;
    private bool connected;
    private bool disposed;

    public SocketIoConnection(SocketIoConnectionOptions options, ISocketTokenSource tokens, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tokens);
        this.options = options;
        this.tokens = tokens;
        this.logger = logger ?? NullLogger.Instance;
    }

    public bool IsConnected
    {
        get
        {
            lock (gate)
            {
                return connected;
            }
        }
    }

    /// <summary>How many sockets this connection has opened so far (1 after the first connect; grows on reconnect).</summary>
    public int ConnectionCount { get; private set; }

    public void SetHandler(ISocketHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (gate)
        {
            if (this.handler is not null)
            {
                throw new InvalidOperationException("the socket handler is already set");
            }

            this.handler = handler;
        }
    }

    public Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (handler is null)
            {
                throw new InvalidOperationException("SetHandler must be called before ConnectAsync");
            }

            dispatcherTask ??= Task.Run(DispatchLoopAsync, CancellationToken.None);
            if (loopTask is { IsCompleted: false })
            {
                return Task.CompletedTask;
            }

            loopCancellation = new CancellationTokenSource();
            var token = loopCancellation.Token;
            loopTask = Task.Run(() => RunAsync(token), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    public async Task DisconnectAsync(CancellationToken cancellationToken = default)
    {
        Task? loop;
        lock (gate)
        {
            loop = loopTask;
            loopCancellation?.Cancel();
        }

        if (loop is not null)
        {
            await loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task EmitAsync(string eventName, string payloadJson, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        var payload = ParsePayload(payloadJson);
        await sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            SocketAttempt? target;
            lock (gate)
            {
                target = live is not null && flushed ? live : null;
            }

            if (target is not null && await TrySendAsync(target, eventName, payload).ConfigureAwait(false))
            {
                return;
            }

            BufferOffline(eventName, payload);
        }
        finally
        {
            sendLock.Release();
        }
    }

    public async Task<string> EmitWithAckAsync(
        string eventName, string payloadJson, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        var payload = ParsePayload(payloadJson);
        SocketAttempt? target;
        lock (gate)
        {
            target = live;
        }

        if (target is null)
        {
            throw new SocketDisconnectedException(eventName);
        }

        var pending = target.NewPendingAck(eventName);
        await sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await target.Client.EmitAsync(eventName, response => pending.Complete(ReadFirstArgument(response)), payload)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            target.ForgetPendingAck(pending);
            logger.LogWarning("emit '{Event}' failed: {Error}", eventName, e.Message);
            throw new SocketDisconnectedException(eventName);
        }
        finally
        {
            sendLock.Release();
        }

        using var timeoutCancellation = new CancellationTokenSource(timeout, options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeoutCancellation.Token, cancellationToken);
        try
        {
            return await pending.Task.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeoutCancellation.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new SocketAckTimeoutException(eventName, timeout);
        }
        finally
        {
            target.ForgetPendingAck(pending);
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
        }

        await DisconnectAsync().ConfigureAwait(false);
        dispatch.Writer.TryComplete();
        if (dispatcherTask is not null)
        {
            await dispatcherTask.ConfigureAwait(false);
        }

        loopCancellation?.Dispose();
        sendLock.Dispose();
    }

    // ---- the reconnect loop ---------------------------------------------------------------------------------------

    private async Task RunAsync(CancellationToken stop)
    {
        var backoff = new ReconnectBackoff(options.ReconnectDelay, options.ReconnectDelayMax);
        var refreshToken = false;
        var previousWasAuthFailure = false;
        while (!stop.IsCancellationRequested)
        {
            var authFailure = false;
            SocketAttempt? attempt = null;
            try
            {
                var token = await tokens.GetTokenAsync(refreshToken, stop).ConfigureAwait(false);
                refreshToken = false;
                var (client, frames) = CreateClient(token);
                attempt = new SocketAttempt(this, client, frames);
                var outcome = await attempt.OpenAsync(options.ConnectTimeout, stop).ConfigureAwait(false);
                if (outcome.Opened || Abandon(attempt))
                {
                    backoff.Reset();
                    authFailure = await RunConnectedAsync(attempt, stop).ConfigureAwait(false);
                }
                else if (outcome.AuthError is { } message)
                {
                    authFailure = true;
                    Post(h => h.OnAuthErrorAsync(message));
                }
                else
                {
                    logger.LogInformation("socket connect to {Uri} failed: {Reason}", options.ServerUri, outcome.Failure);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Stopped while the attempt was still opening: if its connect was already reported, the handler must
                // also hear the disconnect (every OnConnected is paired with an OnDisconnected).
                if (attempt is { IsOpen: true })
                {
                    await attempt.CloseAsync().ConfigureAwait(false);
                    ReportClosed(attempt, "io client disconnect");
                }

                break;
            }
            catch (Exception e)
            {
                // A token source or the client library failed; keep trying, as the relay may come back.
                logger.LogWarning("socket connect attempt failed: {Error}", e.Message);
            }
            finally
            {
                if (attempt is not null)
                {
                    await attempt.DisposeAsync().ConfigureAwait(false);
                }
            }

            if (authFailure)
            {
                refreshToken = true;
            }

            if (stop.IsCancellationRequested)
            {
                break;
            }

            // The first retry after an auth failure is immediate (refresh and connect again, as the Go CLI does);
            // anything else, or a second auth failure in a row, backs off.
            var immediate = authFailure && !previousWasAuthFailure;
            previousWasAuthFailure = authFailure;
            if (!immediate)
            {
                try
                {
                    await Task.Delay(backoff.Next(), options.TimeProvider, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    /// <summary>Called from the library's connect callback, before it handles the socket's next packet, so the
    /// handler hears OnConnected before any event of that socket. False if the loop already gave up on the attempt.</summary>
    internal bool TryOpen(SocketAttempt attempt)
    {
        lock (gate)
        {
            if (attempt.Abandoned)
            {
                return false;
            }

            attempt.IsOpen = true;
            live = attempt;
            flushed = false;
            ConnectionCount++;
        }

        Post(async h =>
        {
            await FlushOfflineAsync(attempt).ConfigureAwait(false);
            lock (gate)
            {
                connected = live == attempt;
            }

            // Reported even if the socket already closed again (connect, error, disconnect): the handler always sees
            // a connect before its disconnect, as Socket.IO reports them.
            await h.OnConnectedAsync().ConfigureAwait(false);
        });
        return true;
    }

    /// <summary>The loop stops waiting for an attempt: true if it opened after all (its callback won the race).</summary>
    private bool Abandon(SocketAttempt attempt)
    {
        lock (gate)
        {
            attempt.Abandoned = !attempt.IsOpen;
            return attempt.IsOpen;
        }
    }

    /// <summary>Runs one open socket until it closes. Returns whether the relay refused its auth.</summary>
    private async Task<bool> RunConnectedAsync(SocketAttempt attempt, CancellationToken stop)
    {
        string reason;
        try
        {
            reason = await attempt.Closed.WaitAsync(stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await attempt.CloseAsync().ConfigureAwait(false);
            reason = "io client disconnect";
        }

        ReportClosed(attempt, reason);
        return attempt.AuthRefused;
    }

    private void ReportClosed(SocketAttempt attempt, string reason)
    {
        lock (gate)
        {
            live = null;
            flushed = false;
            connected = false;
        }

        attempt.FailPendingAcks();
        Post(h => h.OnDisconnectedAsync(reason));
    }

    private (SocketIO Client, EventFrames Frames) CreateClient(string token)
    {
        var clientOptions = new SocketIOOptions
        {
            Path = options.Path,
            Transport = SocketIOClient.Transport.TransportProtocol.WebSocket,
            EIO = 4,
            Reconnection = false,
            ConnectionTimeout = options.ConnectTimeout,
            Auth = options.Scope.ToHandshakeAuth(token),
        };
        var frames = new EventFrames();
        var client = new SocketIO(options.ServerUri, clientOptions)
        {
            ClientWebSocketProvider = frames.NewWebSocket,
        };
        return (client, frames);
    }

    // ---- sending ----------------------------------------------------------------------------------------------------

    private async Task FlushOfflineAsync(SocketAttempt attempt)
    {
        await sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            while (true)
            {
                (string EventName, JsonElement Payload) frame;
                lock (gate)
                {
                    if (live != attempt || !offlineFrames.TryPeek(out frame))
                    {
                        flushed = live == attempt;
                        return;
                    }
                }

                if (!await TrySendAsync(attempt, frame.EventName, frame.Payload).ConfigureAwait(false))
                {
                    return; // the socket died mid-flush; the rest waits for the next connection
                }

                lock (gate)
                {
                    offlineFrames.Dequeue();
                }
            }
        }
        finally
        {
            sendLock.Release();
        }
    }

    private async Task<bool> TrySendAsync(SocketAttempt attempt, string eventName, JsonElement payload)
    {
        try
        {
            await attempt.Client.EmitAsync(eventName, payload).ConfigureAwait(false);
            return true;
        }
        catch (Exception e)
        {
            logger.LogInformation("emit '{Event}' failed, kept for the next connection: {Error}", eventName, e.Message);
            return false;
        }
    }

    private void BufferOffline(string eventName, JsonElement payload)
    {
        lock (gate)
        {
            if (offlineFrames.Count >= options.OfflineBufferCapacity)
            {
                var dropped = offlineFrames.Dequeue();
                logger.LogWarning("offline buffer full: dropped the oldest '{Event}' frame", dropped.EventName);
            }

            offlineFrames.Enqueue((eventName, payload));
        }
    }

    private static JsonElement ParsePayload(string payloadJson)
    {
        ArgumentNullException.ThrowIfNull(payloadJson);
        try
        {
            using var document = JsonDocument.Parse(payloadJson);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"payload is not JSON: {e.Message}", nameof(payloadJson), e);
        }
    }

    internal static string ReadFirstArgument(SocketIOResponse response)
    {
        if (response.Count == 0)
        {
            return "null";
        }

        return response.GetValue(0).GetRawText();
    }

    // ---- dispatch to the handler -----------------------------------------------------------------------------------

    internal void OnServerEvent(SocketAttempt attempt, string eventName, SocketIOResponse response)
    {
        string payload;
        try
        {
            payload = ReadFirstArgument(response);
        }
        catch (Exception e)
        {
            logger.LogWarning("unreadable '{Event}' payload skipped: {Error}", eventName, e.Message);
            return;
        }

        var hasAckId = attempt.Frames.TakeNextEventHasAckId();
        if (eventName == ErrorEvent)
        {
            // PROTOCOL.md §1.3: the relay accepts the CONNECT, then reports a bad handshake with `error` and disconnects.
            attempt.AuthRefused = true;
            var message = ReadErrorMessage(payload);
            Post(h => h.OnAuthErrorAsync(message));
            return;
        }

        Func<string, Task>? ack = null;
        if (hasAckId ?? eventName == RpcRequestEvent)
        {
            ack = async resultJson =>
            {
                var result = ParsePayload(resultJson);
                await response.CallbackAsync(result).ConfigureAwait(false);
            };
        }

        Post(h => h.OnEventAsync(eventName, payload, ack));
    }

    private static string ReadErrorMessage(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            if (document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.TryGetProperty("message", out var message) &&
                message.ValueKind == JsonValueKind.String)
            {
                return message.GetString() ?? "authentication refused";
            }
        }
        catch (JsonException)
        {
            // fall through to the raw text
        }

        return payload;
    }

    private void Post(Func<ISocketHandler, Task> call)
    {
        ISocketHandler? target;
        lock (gate)
        {
            target = handler;
        }

        if (target is null)
        {
            return;
        }

        if (!dispatch.Writer.TryWrite(() => call(target)))
        {
            logger.LogDebug("socket callback dropped after dispose");
        }
    }

    private async Task DispatchLoopAsync()
    {
        await foreach (var call in dispatch.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await call().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // A handler failure must not stop the socket: log it and go on with the next callback.
                logger.LogError(e, "socket handler failed");
            }
        }
    }

    internal ILogger Logger => logger;
}
