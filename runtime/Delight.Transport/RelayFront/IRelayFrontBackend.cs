namespace Delight.Transport.RelayFront;

/// <summary>
/// The relay logic behind the Node front (runtime/Delight.RelayFront): it sees each Socket.IO connection, event and
/// disconnect, and each HTTP request, exactly as the real socket.io server received them. Calls for one socket start
/// in arrival order; the bridge does not wait for one call to finish before starting the next (an <c>rpc-call</c>
/// waits for another socket's ack, which arrives on the same bridge stream).
/// </summary>
public interface IRelayFrontBackend
{
    /// <summary>A client sent its CONNECT with <paramref name="authJson"/> (the handshake <c>auth</c> object, or
    /// <c>null</c>). Accepting lets the socket connect; rejecting makes the client see <c>connect_error</c>. A relay
    /// that behaves like Delight's accepts and then emits <c>error</c> and disconnects on a bad token.</summary>
    Task<RelayHandshakeDecision> OnConnectAsync(RelayFrontSocket socket, string authJson);

    /// <summary>A client event. <paramref name="ack"/> is set when the client asked for an ack.</summary>
    Task OnEventAsync(RelayFrontSocket socket, string eventName, string payloadJson, Func<string, Task>? ack);

    Task OnDisconnectAsync(RelayFrontSocket socket, string reason);

    Task<RelayFrontHttpResponse> OnHttpAsync(RelayFrontHttpRequest request);
}
