using Microsoft.Extensions.Logging;
using SocketIOClient;

namespace Delight.Transport.SocketIo;

/// <summary>One SocketIOClient socket: from the connect attempt to its close. Callbacks of a socket that is no
/// longer live cannot reach the runtime, because each attempt only completes its own tasks.</summary>
internal sealed class SocketAttempt : IAsyncDisposable
{
    private readonly object gate = new();
    private readonly TaskCompletionSource<OpenOutcome> opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HashSet<PendingAck> pendingAcks = [];

    public SocketAttempt(SocketIoConnection owner, SocketIO client, EventFrames frames)
    {
        Client = client;
        Frames = frames;
        client.OnConnected += (_, _) =>
        {
            if (owner.TryOpen(this))
            {
                opened.TrySetResult(OpenOutcome.Success);
            }
        };
        client.OnError += (_, message) =>
        {
            // A CONNECT_ERROR packet (a relay that refuses in its handshake middleware).
            if (!opened.TrySetResult(OpenOutcome.Refused(message)))
            {
                owner.Logger.LogWarning("socket error after connect: {Message}", message);
            }
        };
        client.OnDisconnected += (_, reason) =>
        {
            opened.TrySetResult(OpenOutcome.Failed(reason));
            closed.TrySetResult(reason);
        };
        client.OnAny((eventName, response) => owner.OnServerEvent(this, eventName, response));
    }

    public SocketIO Client { get; }

    public EventFrames Frames { get; }

    /// <summary>Set under the connection's lock when the library reported the connect.</summary>
    public bool IsOpen { get; set; }

    /// <summary>Set under the connection's lock when the loop stopped waiting for this attempt.</summary>
    public bool Abandoned { get; set; }

    /// <summary>Set when the relay sent its <c>error</c> event: the token was refused.</summary>
    public bool AuthRefused { get; set; }

    public Task<string> Closed => closed.Task;

    public async Task<OpenOutcome> OpenAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            // SocketIOClient's ConnectAsync may return before the CONNECT is acknowledged: OnConnected says when.
            await Client.ConnectAsync().WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            opened.TrySetResult(OpenOutcome.Failed(e.Message));
        }

        try
        {
            return await opened.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return OpenOutcome.Failed($"no connection within {timeout.TotalSeconds:0.#} s");
        }
    }

    public PendingAck NewPendingAck(string eventName)
    {
        var pending = new PendingAck(eventName);
        lock (gate)
        {
            pendingAcks.Add(pending);
        }

        return pending;
    }

    public void ForgetPendingAck(PendingAck pending)
    {
        lock (gate)
        {
            pendingAcks.Remove(pending);
        }
    }

    /// <summary>An ack can never arrive once its socket is closed: fail the waiters now instead of at their timeout.</summary>
    public void FailPendingAcks()
    {
        PendingAck[] all;
        lock (gate)
        {
            all = [.. pendingAcks];
            pendingAcks.Clear();
        }

        foreach (var pending in all)
        {
            pending.Fail();
        }
    }

    public async Task CloseAsync()
    {
        try
        {
            await Client.DisconnectAsync().WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Closing a socket that is already gone is not an error.
        }

        closed.TrySetResult("io client disconnect");
    }

    public async ValueTask DisposeAsync()
    {
        if (!closed.Task.IsCompleted)
        {
            await CloseAsync().ConfigureAwait(false);
        }

        FailPendingAcks();
        try
        {
            Client.Dispose();
            Frames.Dispose();
        }
        catch (Exception)
        {
            // SocketIOClient may throw from Dispose of a half-open transport; nothing is left to release.
        }
    }
}

internal sealed record OpenOutcome(bool Opened, string? AuthError, string? Failure)
{
    public static readonly OpenOutcome Success = new(true, null, null);

    public static OpenOutcome Refused(string message) => new(false, message, null);

    public static OpenOutcome Failed(string reason) => new(false, null, reason);
}

internal sealed class PendingAck(string eventName)
{
    private readonly TaskCompletionSource<string> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<string> Task => completion.Task;

    public void Complete(string payloadJson) => completion.TrySetResult(payloadJson);

    public void Fail() => completion.TrySetException(new Delight.Runtime.Transport.SocketDisconnectedException(eventName));
}
