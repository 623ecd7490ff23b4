using Delight.Runtime.Relay.Connections;

namespace Delight.Sim.Network;

/// <summary>
/// The relay's server-side entry points as the simulated network calls them: one call at a time per connection, in
/// socket order; <c>ack</c> is set when the client waits for an ack. The same shape as the relay runtime's <c>On*Async</c> methods, so an adapter onto the real relay is
/// a few lines.
/// </summary>
public interface ISimRelayEndpoint
{
    Task OnConnectedAsync(IRelayClientConnection connection);

    Task OnEventAsync(IRelayClientConnection connection, string eventName, string payloadJson, Func<string, Task>? ack);

    Task OnDisconnectedAsync(IRelayClientConnection connection, string reason);
}
