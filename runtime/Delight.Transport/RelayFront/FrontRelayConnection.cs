using Delight.Runtime.Relay.Connections;

namespace Delight.Transport.RelayFront;

/// <summary>The relay runtime's view of one socket held by the Node front.</summary>
internal sealed class FrontRelayConnection(RelayFrontSocket socket, HandshakeAuth auth, TimeSpan ackTimeout) : IRelayClientConnection
{
    public string Id => socket.Id;

    public HandshakeAuth Auth { get; } = auth;

    public Task SendAsync(string eventName, string payloadJson, CancellationToken cancellationToken = default) =>
        socket.EmitAsync(eventName, payloadJson);

    /// <summary>The frame is queued to the front before this returns (FrontConnection writes in call order). The
    /// relay applies its own timeout; the front's, a little longer, only frees the ack slot if the client never answers.</summary>
    public Task<string> SendWithAckAsync(string eventName, string payloadJson, CancellationToken cancellationToken = default) =>
        socket.EmitWithAckAsync(eventName, payloadJson, ackTimeout);

    public Task CloseAsync(string reason) => socket.DisconnectAsync();
}
