using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Delight.Transport.RelayFront;

namespace Delight.Transport.Tests.Support;

/// <summary>
/// A tiny relay behind the real Node front, for adapter-level tests only (the end-to-end tests use the real relay
/// runtime). Tokens: <c>reject-handshake</c> → connect_error; <c>expired…</c> → accepted, then <c>error</c> and a
/// server disconnect (Delight's way, PROTOCOL.md §1.3); anything else is accepted. Events: <c>echo</c> is sent back,
/// <c>ack-me</c> is acked with <c>{"got":payload}</c>, <c>no-ack</c> is never acked, <c>rpc-register</c> records the
/// method for the socket and answers <c>rpc-registered</c>, <c>update-state</c> always succeeds. Every connect and event is recorded.
/// </summary>
public sealed class ScriptedRelayBackend : IRelayFrontBackend
{
    private readonly ConcurrentDictionary<string, RelayFrontSocket> connected = new();

    public ConcurrentQueue<(string SocketId, JsonObject Auth)> Handshakes { get; } = new();

    public ConcurrentQueue<(string SocketId, string Name, string PayloadJson)> Events { get; } = new();

    public ConcurrentDictionary<string, RelayFrontSocket> RpcMethods { get; } = new();

    public Func<RelayFrontHttpRequest, RelayFrontHttpResponse>? Http { get; set; }

    public IReadOnlyCollection<RelayFrontSocket> ConnectedSockets => [.. connected.Values];

    public async Task<RelayHandshakeDecision> OnConnectAsync(RelayFrontSocket socket, string authJson)
    {
        var auth = JsonNode.Parse(authJson) as JsonObject ?? [];
        Handshakes.Enqueue((socket.Id, auth));
        var token = auth["token"]?.GetValue<string>() ?? string.Empty;
        if (token == "reject-handshake")
        {
            return RelayHandshakeDecision.Reject("Invalid authentication token");
        }

        connected[socket.Id] = socket;
        if (token.StartsWith("expired", StringComparison.Ordinal))
        {
            // Emitted before the accept: the front queues it until the socket is connected, like the Go relay's
            // connection handler does right after CONNECT.
            await socket.EmitAsync("error", """{"message":"Invalid authentication token"}""");
            await socket.DisconnectAsync();
        }

        return RelayHandshakeDecision.Accept;
    }

    public async Task OnEventAsync(RelayFrontSocket socket, string eventName, string payloadJson, Func<string, Task>? ack)
    {
        Events.Enqueue((socket.Id, eventName, payloadJson));
        switch (eventName)
        {
            case "echo":
                await socket.EmitAsync("echo", payloadJson);
                break;
            case "ack-me" when ack is not null:
                await ack($$"""{"got":{{payloadJson}}}""");
                break;
            case "update-state" when ack is not null:
                // Accept every agent-state write (the CAS itself is the relay runtime's, tested end to end).
                var expected = JsonNode.Parse(payloadJson)?["expectedVersion"]?.GetValue<long>() ?? 0;
                await ack(JsonSerializer.Serialize(new { result = "success", version = expected + 1 }));
                break;
            case "rpc-register":
                var method = JsonNode.Parse(payloadJson)?["method"]?.GetValue<string>() ?? string.Empty;
                RpcMethods[method] = socket;
                await socket.EmitAsync("rpc-registered", JsonSerializer.Serialize(new { method }));
                break;
        }
    }

    public Task OnDisconnectAsync(RelayFrontSocket socket, string reason)
    {
        connected.TryRemove(socket.Id, out _);
        foreach (var (method, owner) in RpcMethods)
        {
            if (owner == socket)
            {
                RpcMethods.TryRemove(method, out _);
            }
        }

        return Task.CompletedTask;
    }

    public Task<RelayFrontHttpResponse> OnHttpAsync(RelayFrontHttpRequest request) =>
        Task.FromResult(Http?.Invoke(request) ?? RelayFrontHttpResponse.Json(404, """{"error":"not found"}"""));

    /// <summary>Waits until <paramref name="condition"/> holds, polling; fails the test after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!condition())
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for {what}");
            }

            await Task.Delay(25);
        }
    }
}
