using SocketIOClient.Transport;

namespace Delight.Transport.SocketIo;

/// <summary>The websocket provider of one SocketIOClient socket: makes a frame-tracking websocket each time the
/// library asks, and answers from the newest one.</summary>
internal sealed class EventFrames : IDisposable
{
    private readonly object gate = new();
    private readonly List<EventFrameTracker> created = [];

    public IClientWebSocket NewWebSocket()
    {
        var tracker = new EventFrameTracker(4);
        lock (gate)
        {
            created.Add(tracker);
        }

        return tracker;
    }

    public bool? TakeNextEventHasAckId()
    {
        lock (gate)
        {
            return created.Count == 0 ? null : created[^1].TakeNextEventHasAckId();
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            foreach (var tracker in created)
            {
                tracker.Dispose();
            }

            created.Clear();
        }
    }
}
