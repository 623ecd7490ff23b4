using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Delight.Runtime.Relay;
using Delight.Runtime.Relay.Connections;
using Delight.Runtime.Relay.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Delight.Transport.RelayFront;

/// <summary>
/// Puts the relay runtime (<see cref="RelayServer"/> and its HTTP API through <see cref="RelayHttpHandler"/>) behind
/// the Node front: the same relay implementation the simulation drives, reached over real Socket.IO and HTTP.
/// Handshakes are always accepted at the Socket.IO level; the relay itself refuses bad auth the Delight way
/// (<c>error</c>, then a server disconnect, PROTOCOL.md §1.3). Events the relay does not understand are logged and
/// skipped.
/// </summary>
public sealed class RelayServerBackend : IRelayFrontBackend, IDisposable
{
    private readonly RelayServer server;
    private readonly HttpMessageInvoker http;
    private readonly ILogger logger;
    private readonly TimeSpan ackTimeout;
    private readonly ConcurrentDictionary<RelayFrontSocket, FrontRelayConnection> connections = new();

    public RelayServerBackend(RelayServer server, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        this.server = server;
        this.logger = logger ?? NullLogger.Instance;
        ackTimeout = server.Options.RpcForwardTimeout + TimeSpan.FromSeconds(5);
        http = new HttpMessageInvoker(new RelayHttpHandler(new RelayHttpApi(server)), disposeHandler: true);
    }

    public async Task<RelayHandshakeDecision> OnConnectAsync(RelayFrontSocket socket, string authJson)
    {
        var connection = new FrontRelayConnection(socket, ParseAuth(authJson), ackTimeout);
        connections[socket] = connection;
        // Awaited before the accept: the relay has registered the connection before its first event can arrive.
        var outcome = await server.OnConnectedAsync(connection).ConfigureAwait(false);
        if (!outcome.Accepted)
        {
            logger.LogInformation("relay refused socket {Socket}: {Reason}", socket.Id, outcome.Reason);
        }

        return RelayHandshakeDecision.Accept;
    }

    public async Task OnEventAsync(RelayFrontSocket socket, string eventName, string payloadJson, Func<string, Task>? ack)
    {
        if (!connections.TryGetValue(socket, out var connection))
        {
            logger.LogWarning("event '{Event}' from unknown socket {Socket} skipped", eventName, socket.Id);
            return;
        }

        var outcome = await server.OnEventAsync(connection, eventName, payloadJson, ack).ConfigureAwait(false);
        if (!outcome.Accepted)
        {
            logger.LogInformation("relay skipped '{Event}' from {Socket}: {Reason}", eventName, socket.Id, outcome.Reason);
        }
    }

    public async Task OnDisconnectAsync(RelayFrontSocket socket, string reason)
    {
        if (connections.TryRemove(socket, out var connection))
        {
            await server.OnDisconnectedAsync(connection, reason).ConfigureAwait(false);
        }
    }

    public async Task<RelayFrontHttpResponse> OnHttpAsync(RelayFrontHttpRequest request)
    {
        var uri = new Uri("http://relay" + request.Path + (request.Query.Length > 0 ? "?" + request.Query : string.Empty));
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), uri);
        if (request.Authorization is { Length: > 0 } authorization)
        {
            message.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        if (request.Body.Length > 0)
        {
            message.Content = new StringContent(request.Body, Encoding.UTF8);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        using var response = await http.SendAsync(message, CancellationToken.None).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        return RelayFrontHttpResponse.Json((int)response.StatusCode, body);
    }

    /// <summary>The CONNECT auth object, read leniently: the relay validates it and words the refusal. No object, or
    /// an empty one, is "no auth data" (null), as upstream reports it.</summary>
    private static HandshakeAuth ParseAuth(string authJson)
    {
        try
        {
            using var document = JsonDocument.Parse(authJson);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.EnumerateObject().Any())
            {
                return null!;
            }

            return new HandshakeAuth(Text(root, "token"), Text(root, "clientType"), Text(root, "sessionId"), Text(root, "terminalId"));
        }
        catch (JsonException)
        {
            return null!;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public void Dispose() => http.Dispose();
}
