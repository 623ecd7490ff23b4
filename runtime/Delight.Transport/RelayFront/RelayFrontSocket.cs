using Delight.Runtime.Transport;

namespace Delight.Transport.RelayFront;

/// <summary>The relay's handle on one client socket held by the Node front: emit to it, emit with an ack, or drop it.</summary>
public sealed class RelayFrontSocket
{
    private readonly FrontConnection front;

    internal RelayFrontSocket(FrontConnection front, string id)
    {
        this.front = front;
        Id = id;
    }

    /// <summary>The socket.io socket id.</summary>
    public string Id { get; }

    /// <summary>False once the client disconnected or the front went away.</summary>
    public bool IsConnected { get; internal set; } = true;

    public Task EmitAsync(string eventName, string payloadJson) => front.EmitAsync(Id, eventName, payloadJson);

    /// <summary>Emits and waits for the client's ack. Throws <see cref="SocketAckTimeoutException"/> when the
    /// client does not ack within <paramref name="timeout"/> (socket.io's own timeout, enforced in the front) and
    /// <see cref="SocketDisconnectedException"/> when the socket or the front is gone.</summary>
    public Task<string> EmitWithAckAsync(string eventName, string payloadJson, TimeSpan timeout) =>
        front.EmitWithAckAsync(Id, eventName, payloadJson, timeout);

    /// <summary>Server-side disconnect: the client sees reason <c>io server disconnect</c>.</summary>
    public Task DisconnectAsync() => front.DisconnectSocketAsync(Id);

    public override string ToString() => Id;
}
