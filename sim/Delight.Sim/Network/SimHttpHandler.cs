using System.Net;
using System.Text;
using Delight.Sim.Clock;

namespace Delight.Sim.Network;

/// <summary>
/// The HTTP path to the relay for an <c>HttpClient</c>/<c>HttpMessageInvoker</c>: each call may fail (503 or a
/// connection error) or time out on the virtual clock, at the rate the swarm drew, until the network is healed.
/// </summary>
public sealed class SimHttpHandler(SimNetwork network, ISimHttpEndpoint endpoint, string caller) : HttpMessageHandler
{
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Calls the simulated relay directly. Prefer this to HttpClient/HttpMessageInvoker under Coyote: their
    /// telemetry path awaits inside the (non-rewritten) BCL, which Coyote cannot control, and runs stop being
    /// deterministic.</summary>
    public Task<HttpResponseMessage> InvokeAsync(HttpRequestMessage request) => SendAsync(request, CancellationToken.None);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri?.PathAndQuery ?? "/";
        var body = request.Content is null ? null : HttpBodies.Read(request.Content);
        if (network.Roll(network.Swarm.HttpFailurePercent))
        {
            switch (network.Random.NextInt(3))
            {
                case 0:
                    network.Log.Add(caller, "http-fault", $"->relay:{request.Method} {path} refused");
                    throw new HttpRequestException("simulated connection failure");
                case 1:
                    network.Log.Add(caller, "http-fault", $"->relay:{request.Method} {path} timed out");
                    await VirtualDelay.For(network.Clock, CallTimeout).ConfigureAwait(false);
                    throw new TaskCanceledException("simulated HTTP timeout");
                default:
                    network.Log.Add(caller, "http-fault", $"->relay:{request.Method} {path} 503");
                    return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("{}") };
            }
        }

        network.Log.Add(caller, "http", $"->relay:{request.Method} {path}");
        var response = await endpoint.HandleAsync(request.Method.Method, path, body).ConfigureAwait(false);
        return new HttpResponseMessage((HttpStatusCode)response.Status)
        {
            Content = new StringContent(response.Body, Encoding.UTF8, "application/json"),
        };
    }
}
