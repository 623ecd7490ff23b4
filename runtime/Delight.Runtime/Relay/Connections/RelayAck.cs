namespace Delight.Runtime.Relay.Connections;

/// <summary>
/// The ack callback of one inbound event, carried through the reducer as an opaque token so the reply is sent as
/// an effect, after the state it reports is committed, through the connection's own outbox (so it keeps its place
/// among the other frames to that connection). Compared by reference.
/// </summary>
public sealed class RelayAck(string connectionId, Func<string, Task> send)
{
    private int _sent;

    public string ConnectionId { get; } = connectionId;

    /// <summary>Sends the ack once; later calls are ignored (Socket.IO acks are single-shot).</summary>
    public Task SendAsync(string payloadJson) =>
        Interlocked.Exchange(ref _sent, 1) == 0 ? send(payloadJson) : Task.CompletedTask;
}
