namespace Delight.Runtime.Relay.Connections;

/// <summary>
/// The relay's side of one Socket.IO connection. A real Socket.IO front and the simulated network both implement
/// it and call <see cref="RelayServer"/>'s <c>On*Async</c> entry points. The relay sends to one connection from one
/// outbox worker, so calls arrive in order, one at a time.
/// </summary>
public interface IRelayClientConnection
{
    /// <summary>Unique per connection (a reconnect gets a new id).</summary>
    string Id { get; }

    HandshakeAuth Auth { get; }

    Task SendAsync(string eventName, string payloadJson, CancellationToken cancellationToken = default);

    /// <summary>Sends and waits for the client's ack payload. The frame must be handed to the transport before the
    /// returned task is returned (so a later <see cref="SendAsync"/> cannot overtake it); the relay applies its own
    /// timeout through its <see cref="TimeProvider"/>.</summary>
    Task<string> SendWithAckAsync(string eventName, string payloadJson, CancellationToken cancellationToken = default);

    /// <summary>Server-side disconnect (after a refused handshake).</summary>
    Task CloseAsync(string reason);
}
