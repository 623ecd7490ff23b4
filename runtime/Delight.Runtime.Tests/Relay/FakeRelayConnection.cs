using System.Text.Json;
using Delight.Runtime.Relay.Connections;

namespace Delight.Runtime.Tests.Relay;

/// <summary>A connection that records every frame the relay sends and lets the test answer rpc-requests.</summary>
public sealed class FakeRelayConnection(string id, HandshakeAuth auth) : IRelayClientConnection
{
    private readonly object _gate = new();
    private readonly List<(string Event, string Json)> _frames = [];
    private readonly List<(string Json, TaskCompletionSource<string> Ack)> _requests = [];

    public string Id { get; } = id;

    public HandshakeAuth Auth { get; } = auth;

    public bool Closed { get; private set; }

    /// <summary>When set, rpc-requests are answered at once with this JSON; otherwise they stay pending.</summary>
    public Func<string, string>? AutoAnswer { get; set; }

    public IReadOnlyList<(string Event, string Json)> Frames
    {
        get
        {
            lock (_gate)
            {
                return [.. _frames];
            }
        }
    }

    public IReadOnlyList<JsonElement> Payloads(string eventName) =>
        [.. Frames.Where(f => f.Event == eventName).Select(f => JsonDocument.Parse(f.Json).RootElement.Clone())];

    public IReadOnlyList<(string Json, TaskCompletionSource<string> Ack)> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public Task SendAsync(string eventName, string payloadJson, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _frames.Add((eventName, payloadJson));
        }

        return Task.CompletedTask;
    }

    public Task<string> SendWithAckAsync(string eventName, string payloadJson, CancellationToken cancellationToken = default)
    {
        var ack = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _frames.Add((eventName, payloadJson));
            _requests.Add((payloadJson, ack));
        }

        if (AutoAnswer is { } answer)
        {
            ack.TrySetResult(answer(payloadJson));
        }

        return ack.Task;
    }

    public Task CloseAsync(string reason)
    {
        Closed = true;
        return Task.CompletedTask;
    }
}
