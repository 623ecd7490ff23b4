using System.Collections.Concurrent;
using SocketIOClient.Transport;

namespace Delight.Transport.SocketIo;

/// <summary>
/// SocketIOClient 3.0.6 parses an EVENT packet's ack id into an <c>int</c> that is 0 both when the packet has no id and
/// when its id is 0 (the socket.io server numbers acks from 0), so <see cref="SocketIOClient.SocketIOResponse.PacketId"/>
/// cannot say whether the relay wants an ack. This wrapper sees each raw text frame before the library does and notes,
/// in order, whether each EVENT packet carried an id; the adapter takes one note per event it receives.
/// </summary>
internal sealed class EventFrameTracker : IClientWebSocket, IDisposable
{
    private readonly SystemNetWebSocketsClientWebSocket inner;
    private readonly ConcurrentQueue<bool> eventHasAckId = new();
    private readonly IDisposable subscription;

    public EventFrameTracker(int eio)
    {
        inner = new SystemNetWebSocketsClientWebSocket(eio);
        // Subscribed before the library's own transport subscribes, so the note is queued before the event is handled.
        subscription = inner.TextObservable.Subscribe(new FrameObserver(this));
    }

    public IObservable<string> TextObservable => inner.TextObservable;

    public IObservable<byte[]> BytesObservable => inner.BytesObservable;

    /// <summary>Whether the next EVENT packet (in receive order) carried an ack id; null if no note is queued.</summary>
    public bool? TakeNextEventHasAckId() => eventHasAckId.TryDequeue(out var hasId) ? hasId : null;

    public Task ConnectAsync(Uri uri, CancellationToken cancellationToken) => inner.ConnectAsync(uri, cancellationToken);

    public Task DisconnectAsync(CancellationToken cancellationToken) => inner.DisconnectAsync(cancellationToken);

    public Task SendAsync(byte[] bytes, TransportMessageType type, bool endOfMessage, CancellationToken cancellationToken) =>
        inner.SendAsync(bytes, type, endOfMessage, cancellationToken);

    public void AddHeader(string key, string val) => inner.AddHeader(key, val);

    public void Dispose()
    {
        subscription.Dispose();
        inner.Dispose();
    }

    /// <summary>Engine.IO "4" (message) + Socket.IO "2" (EVENT), then an optional "/namespace,", then the optional
    /// decimal ack id, then the JSON array.</summary>
    internal static bool? EventFrameHasAckId(string frame)
    {
        if (frame.Length < 3 || frame[0] != '4' || frame[1] != '2')
        {
            return null;
        }

        var index = 2;
        if (frame[index] == '/')
        {
            var comma = frame.IndexOf(',', index);
            if (comma < 0)
            {
                return null;
            }

            index = comma + 1;
        }

        return index < frame.Length && char.IsAsciiDigit(frame[index]);
    }

    private sealed class FrameObserver(EventFrameTracker owner) : IObserver<string>
    {
        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnNext(string value)
        {
            if (EventFrameHasAckId(value) is { } hasId)
            {
                owner.eventHasAckId.Enqueue(hasId);
            }
        }
    }
}
