using System.Text.Json;
using Delight.Runtime.Transport;

namespace Delight.Runtime.Tests.Session.Fakes;

/// <summary>A session socket with a tiny relay behind it: records every emit and answers <c>update-state</c> with a
/// CAS on its own agent state version.</summary>
internal sealed class FakeSocket : ISocketConnection
{
    private readonly object _gate = new();
    private readonly List<(string Event, string Payload)> _emits = [];
    private ISocketHandler? _handler;

    public bool IsConnected { get; private set; }

    public long ServerVersion { get; set; }

    public string? ServerAgentState { get; private set; }

    /// <summary>Optional override of the update-state ack (return null to use the default CAS).</summary>
    public Func<string, string?>? AckOverride { get; set; }

    public void SetHandler(ISocketHandler handler) => _handler = handler;

    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        IsConnected = true;
        await _handler!.OnConnectedAsync();
    }

    public async Task DisconnectAsync(CancellationToken cancellationToken = default) => await DropAsync("client disconnect");

    public async Task DropAsync(string reason)
    {
        IsConnected = false;
        await _handler!.OnDisconnectedAsync(reason);
    }

    public Task EmitAsync(string eventName, string payloadJson, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _emits.Add((eventName, payloadJson));
        }

        return Task.CompletedTask;
    }

    public Task<string> EmitWithAckAsync(string eventName, string payloadJson, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (!IsConnected)
        {
            throw new SocketDisconnectedException(eventName);
        }

        lock (_gate)
        {
            _emits.Add((eventName, payloadJson));
            if (AckOverride?.Invoke(payloadJson) is { } custom)
            {
                return Task.FromResult(custom);
            }

            using var doc = JsonDocument.Parse(payloadJson);
            var expected = doc.RootElement.GetProperty("expectedVersion").GetInt64();
            if (expected != ServerVersion)
            {
                return Task.FromResult($"{{\"result\":\"version-mismatch\",\"version\":{ServerVersion}}}");
            }

            ServerVersion++;
            ServerAgentState = doc.RootElement.GetProperty("agentState").GetString();
            return Task.FromResult($"{{\"result\":\"success\",\"version\":{ServerVersion}}}");
        }
    }

    public Task DeliverAsync(string eventName, string payloadJson, Func<string, Task>? ack = null) =>
        _handler!.OnEventAsync(eventName, payloadJson, ack);

    public IReadOnlyList<(string Event, string Payload)> Emits
    {
        get
        {
            lock (_gate)
            {
                return [.. _emits];
            }
        }
    }

    public IReadOnlyList<string> Payloads(string eventName) => [.. Emits.Where(e => e.Event == eventName).Select(e => e.Payload)];

    public ValueTask DisposeAsync() => default;
}
