using System.Collections.Concurrent;
using Delight.Runtime.Sdk;

namespace Delight.Transport.Tests.EndToEnd;

/// <summary>Collects what the SDK tells the app.</summary>
public sealed class SdkListenerRecorder : ISdkListener
{
    public ConcurrentQueue<SdkEphemeral> Ephemerals { get; } = new();

    public ConcurrentQueue<string> Errors { get; } = new();

    public int Connects;

    public void OnConnected() => Interlocked.Increment(ref Connects);

    public void OnDisconnected(string reason)
    {
    }

    public void OnUpdate(SdkUpdate update)
    {
    }

    public void OnEphemeral(SdkEphemeral ephemeral) => Ephemerals.Enqueue(ephemeral);

    public void OnError(string message) => Errors.Enqueue(message);
}
