using Delight.Runtime.Relay.Connections;

namespace Delight.Sim.Network;

/// <summary>The relay's view of one epoch of a simulated connection; a reconnect is a new instance with a new id.
/// Frames sent on a stale epoch are lost, as they would be on a dead socket.</summary>
public sealed class SimServerConnection : IRelayClientConnection
{
    private readonly SimSocketConnection _client;

    internal SimServerConnection(SimSocketConnection client, string id, HandshakeAuth auth, long epoch)
    {
        _client = client;
        Id = id;
        Auth = auth;
        Epoch = epoch;
    }

    public string Id { get; }

    public HandshakeAuth Auth { get; }

    internal long Epoch { get; }

    public Task SendAsync(string eventName, string payloadJson, CancellationToken cancellationToken = default)
    {
        _client.PostDown(new EventFrame(Epoch, eventName, payloadJson, null));
        return Task.CompletedTask;
    }

    public Task<string> SendWithAckAsync(string eventName, string payloadJson, CancellationToken cancellationToken = default) =>
        _client.ServerSendWithAck(Epoch, eventName, payloadJson);

    public Task CloseAsync(string reason) => _client.DropAsync(reason, countsAgainstBudget: false);
}
