using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Delight.Runtime.Transport;
using Microsoft.Extensions.Logging;

namespace Delight.Transport.RelayFront;

/// <summary>One TCP connection from a Node front process: reads its lines, calls the backend, writes commands back.</summary>
internal sealed class FrontConnection : IAsyncDisposable
{
    private readonly int number;
    private readonly TcpClient client;
    private readonly NetworkStream stream;
    private readonly IRelayFrontBackend backend;
    private readonly ILogger logger;
    // Frames are queued in call order, synchronously, and written by one loop: a frame queued before another is
    // always written before it (IRelayClientConnection.SendWithAckAsync relies on this).
    private readonly Channel<byte[]> outgoing = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, RelayFrontSocket> sockets = new();
    private readonly ConcurrentDictionary<long, (string SocketId, string EventName, TimeSpan Timeout, TaskCompletionSource<string> Completion)> emitAcks = new();
    private long nextEmitAckId;
    private Task? readLoop;
    private Task? writeLoop;
    private volatile bool closed;

    public FrontConnection(int number, TcpClient client, IRelayFrontBackend backend, ILogger logger)
    {
        this.number = number;
        this.client = client;
        stream = client.GetStream();
        this.backend = backend;
        this.logger = logger;
    }

    public bool IsClosed => closed;

    public void Start(CancellationToken stop)
    {
        readLoop = Task.Run(() => ReadLoopAsync(stop), CancellationToken.None);
        writeLoop = Task.Run(WriteLoopAsync, CancellationToken.None);
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            await foreach (var frame in outgoing.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                await stream.WriteAsync(frame).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
            logger.LogInformation("front {Front}: write failed: {Error}", number, e.Message);
        }
    }

    private async Task ReadLoopAsync(CancellationToken stop)
    {
        try
        {
            using var reader = new StreamReader(stream, new UTF8Encoding(false), false, 65536, leaveOpen: true);
            while (!stop.IsCancellationRequested)
            {
                var line = await reader.ReadLineAsync(stop).ConfigureAwait(false);
                if (line is null)
                {
                    break;
                }

                if (line.Length == 0)
                {
                    continue;
                }

                var message = FrontInbound.Parse(line, out var error);
                if (message is null)
                {
                    logger.LogWarning("front {Front}: bad bridge line skipped: {Error}", number, error);
                    continue;
                }

                Handle(message);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The front exited or the bridge is stopping.
        }
        finally
        {
            Close();
        }
    }

    private void Handle(FrontInbound message)
    {
        switch (message)
        {
            case FrontInbound.Connect connect:
                var socket = new RelayFrontSocket(this, connect.SocketId);
                sockets[connect.SocketId] = socket;
                Observe(DecideHandshakeAsync(socket, connect.AuthJson), "connect");
                break;
            case FrontInbound.Connected:
                break;
            case FrontInbound.Event ev:
                if (!sockets.TryGetValue(ev.SocketId, out var source))
                {
                    logger.LogWarning("front {Front}: event '{Event}' from unknown socket skipped", number, ev.Name);
                    break;
                }

                Func<string, Task>? ack = ev.AckId is { } ackId ? result => SendAsync(w => WriteAck(w, ackId, result)) : null;
                Observe(backend.OnEventAsync(source, ev.Name, ev.DataJson, ack), ev.Name);
                break;
            case FrontInbound.Disconnect disconnect:
                if (sockets.TryRemove(disconnect.SocketId, out var gone))
                {
                    gone.IsConnected = false;
                    FailEmitAcks(disconnect.SocketId);
                    Observe(backend.OnDisconnectAsync(gone, disconnect.Reason), "disconnect");
                }

                break;
            case FrontInbound.EmitAckResult result:
                if (emitAcks.TryRemove(result.Id, out var pending))
                {
                    if (result.Ok)
                    {
                        pending.Completion.TrySetResult(result.DataJson ?? "null");
                    }
                    else
                    {
                        pending.Completion.TrySetException(new SocketAckTimeoutException(pending.EventName, pending.Timeout));
                    }
                }

                break;
            case FrontInbound.Http http:
                Observe(AnswerHttpAsync(http), "http");
                break;
        }
    }

    private async Task DecideHandshakeAsync(RelayFrontSocket socket, string authJson)
    {
        RelayHandshakeDecision decision;
        try
        {
            decision = await backend.OnConnectAsync(socket, authJson).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            logger.LogError(e, "front {Front}: handshake handler failed", number);
            decision = RelayHandshakeDecision.Reject("internal error");
        }

        if (!decision.Accepted)
        {
            sockets.TryRemove(socket.Id, out _);
            socket.IsConnected = false;
            await SendAsync(w => WriteReject(w, socket.Id, decision.Message ?? "unauthorized")).ConfigureAwait(false);
            return;
        }

        await SendAsync(w => WriteSocketOnly(w, "accept", socket.Id)).ConfigureAwait(false);
    }

    private async Task AnswerHttpAsync(FrontInbound.Http http)
    {
        RelayFrontHttpResponse response;
        try
        {
            response = await backend.OnHttpAsync(http.Request).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            logger.LogError(e, "front {Front}: HTTP handler failed for {Method} {Path}", number, http.Request.Method, http.Request.Path);
            response = RelayFrontHttpResponse.Json(500, "{\"error\":\"internal error\"}");
        }

        await SendAsync(w =>
        {
            w.WriteString("k", "http-response");
            w.WriteNumber("id", http.Id);
            w.WriteNumber("status", response.Status);
            w.WriteString("contentType", response.ContentType);
            w.WriteString("body", response.Body);
        }).ConfigureAwait(false);
    }

    public Task EmitAsync(string socketId, string eventName, string payloadJson) =>
        SendAsync(w =>
        {
            w.WriteString("k", "emit");
            w.WriteString("sid", socketId);
            w.WriteString("name", eventName);
            w.WritePropertyName("data");
            w.WriteRawValue(payloadJson);
        });

    /// <summary>Queues the frame before returning; the returned task completes with the client's ack.</summary>
    public Task<string> EmitWithAckAsync(string socketId, string eventName, string payloadJson, TimeSpan timeout)
    {
        if (closed || !sockets.ContainsKey(socketId))
        {
            return Task.FromException<string>(new SocketDisconnectedException(eventName));
        }

        var id = Interlocked.Increment(ref nextEmitAckId);
        var completion = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        emitAcks[id] = (socketId, eventName, timeout, completion);
        SendAsync(w =>
        {
            w.WriteString("k", "emit-ack");
            w.WriteString("sid", socketId);
            w.WriteString("name", eventName);
            w.WritePropertyName("data");
            w.WriteRawValue(payloadJson);
            w.WriteNumber("id", id);
            w.WriteNumber("timeoutMs", (long)timeout.TotalMilliseconds);
        });
        return completion.Task;
    }

    public Task DisconnectSocketAsync(string socketId) => SendAsync(w => WriteSocketOnly(w, "disconnect", socketId));

    private static void WriteSocketOnly(Utf8JsonWriter w, string kind, string socketId)
    {
        w.WriteString("k", kind);
        w.WriteString("sid", socketId);
    }

    private static void WriteReject(Utf8JsonWriter w, string socketId, string message)
    {
        WriteSocketOnly(w, "reject", socketId);
        w.WriteString("message", message);
    }

    private static void WriteAck(Utf8JsonWriter w, long ackId, string resultJson)
    {
        w.WriteString("k", "ack");
        w.WriteNumber("ackId", ackId);
        w.WritePropertyName("data");
        w.WriteRawValue(resultJson);
    }

    private Task SendAsync(Action<Utf8JsonWriter> write)
    {
        if (closed)
        {
            return Task.CompletedTask; // the front is gone; its clients reconnect to the next one
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        outgoing.Writer.TryWrite(buffer.ToArray());
        return Task.CompletedTask;
    }

    private void FailEmitAcks(string socketId)
    {
        foreach (var (id, pending) in emitAcks)
        {
            if ((socketId.Length == 0 || pending.SocketId == socketId) && emitAcks.TryRemove(id, out _))
            {
                pending.Completion.TrySetException(new SocketDisconnectedException(pending.EventName));
            }
        }
    }

    private void Observe(Task task, string what)
    {
        task.ContinueWith(
            t => logger.LogError(t.Exception, "front {Front}: relay handler for '{What}' failed", number, what),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void Close()
    {
        if (closed)
        {
            return;
        }

        closed = true;
        FailEmitAcks(string.Empty);
        foreach (var (id, socket) in sockets)
        {
            if (sockets.TryRemove(id, out _))
            {
                socket.IsConnected = false;
                Observe(backend.OnDisconnectAsync(socket, "transport close"), "disconnect");
            }
        }

        outgoing.Writer.TryComplete();
        client.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        if (readLoop is not null)
        {
            await readLoop.ConfigureAwait(false);
        }

        if (writeLoop is not null)
        {
            await writeLoop.ConfigureAwait(false);
        }
    }
}
