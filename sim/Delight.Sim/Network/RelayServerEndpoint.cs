using Delight.Runtime.Relay;
using Delight.Runtime.Relay.Connections;
using Delight.Runtime.Relay.Http;

namespace Delight.Sim.Network;

/// <summary>
/// The real relay (<see cref="RelayServer"/>) behind the simulated network: socket traffic goes to its
/// <c>On*Async</c> entry points, HTTP to its text router. Refusals and unreadable events are logged, as the relay's
/// Socket.IO front would.
/// </summary>
public sealed class RelayServerEndpoint : ISimRelayEndpoint, ISimHttpEndpoint
{
    private readonly RelayServer _server;
    private readonly RelayHttpRouter _router;
    private readonly Recording.SimLog _log;

    public RelayServerEndpoint(RelayServer server, Recording.SimLog log)
    {
        _server = server ?? throw new ArgumentNullException(nameof(server));
        _router = new RelayHttpRouter(new RelayHttpApi(server));
        _log = log ?? throw new ArgumentNullException(nameof(log));
    }

    public RelayServer Server => _server;

    public async Task OnConnectedAsync(IRelayClientConnection connection)
    {
        var outcome = await _server.OnConnectedAsync(connection).ConfigureAwait(false);
        if (!outcome.Accepted)
        {
            _log.Add("relay", "refused", $"{connection.Id}: {outcome.Reason}");
        }
    }

    public async Task OnEventAsync(IRelayClientConnection connection, string eventName, string payloadJson, Func<string, Task>? ack)
    {
        var outcome = await _server.OnEventAsync(connection, eventName, payloadJson, ack).ConfigureAwait(false);
        if (!outcome.Accepted)
        {
            _log.Add("relay", "dropped", $"{connection.Id} {eventName}: {outcome.Reason}");
        }
    }

    public Task OnDisconnectedAsync(IRelayClientConnection connection, string reason) => _server.OnDisconnectedAsync(connection, reason);

    public async Task<SimHttpResponse> HandleAsync(string method, string pathAndQuery, string? authorization, string? body)
    {
        var answer = await _router.RouteAsync(method, pathAndQuery, authorization, body).ConfigureAwait(false);
        return new SimHttpResponse(answer.StatusCode, answer.Json);
    }
}
