namespace Delight.Runtime.Transport;

/// <summary>
/// One client Socket.IO connection (user-, session- or terminal-scoped, PROTOCOL.md §1) at the level of event names
/// and JSON payload text. The real adapter sits on SocketIOClient; the simulation's sits on the fake network.
/// The runtimes cannot tell them apart. Payloads are decoded into typed records by the protocol codec at the edge.
/// </summary>
public interface ISocketConnection : IAsyncDisposable
{
    /// <summary>True between <see cref="ISocketHandler.OnConnectedAsync"/> and the next disconnect.</summary>
    bool IsConnected { get; }

    /// <summary>Installs the handler for lifecycle and server-to-client events. Called once, before connecting.</summary>
    void SetHandler(ISocketHandler handler);

    /// <summary>Starts connecting. Returns once the attempt is under way; <see cref="ISocketHandler.OnConnectedAsync"/>
    /// reports when the connection is up. Reconnects automatically with backoff until disposed.</summary>
    Task ConnectAsync(CancellationToken cancellationToken = default);

    Task DisconnectAsync(CancellationToken cancellationToken = default);

    /// <summary>Emits without an ack. While disconnected the frame is buffered or lost, as the real client does.</summary>
    Task EmitAsync(string eventName, string payloadJson, CancellationToken cancellationToken = default);

    /// <summary>Emits and waits for the ack's payload JSON. Throws <see cref="SocketAckTimeoutException"/> after
    /// <paramref name="timeout"/> and <see cref="SocketDisconnectedException"/> when not connected.</summary>
    Task<string> EmitWithAckAsync(string eventName, string payloadJson, TimeSpan timeout, CancellationToken cancellationToken = default);
}

/// <summary>Receives what a connection reports. Calls arrive in socket order, one at a time.</summary>
public interface ISocketHandler
{
    Task OnConnectedAsync();

    Task OnDisconnectedAsync(string reason);

    /// <summary>A server-to-client event. <paramref name="ack"/> is set when the server expects an ack
    /// (for example <c>rpc-request</c>); the handler answers through it with the ack's payload JSON.</summary>
    Task OnEventAsync(string eventName, string payloadJson, Func<string, Task>? ack);

    /// <summary>The relay refused the handshake (its <c>connect_error</c>/<c>error</c> event), for example an expired token.</summary>
    Task OnAuthErrorAsync(string message);
}

public sealed class SocketAckTimeoutException(string eventName, TimeSpan timeout)
    : TimeoutException($"no ack for '{eventName}' within {timeout.TotalMilliseconds:0} ms")
{
    public string EventName { get; } = eventName;
}

public sealed class SocketDisconnectedException(string eventName)
    : InvalidOperationException($"cannot emit '{eventName}': the socket is not connected")
{
    public string EventName { get; } = eventName;
}
