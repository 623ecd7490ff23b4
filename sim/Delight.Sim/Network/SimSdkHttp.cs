using Delight.Runtime.Sdk;
using Delight.Sim.Clock;

namespace Delight.Sim.Network;

/// <summary>
/// The SDK's HTTP path in the simulated world: each call may be refused, time out on the virtual clock or answer
/// 503, at the rate the swarm drew, until the network is healed; otherwise it reaches the relay's router directly
/// (no HttpClient: its internals run outside Coyote's control and runs would stop replaying).
/// </summary>
public sealed class SimSdkHttp(SimNetwork network, ISimHttpEndpoint endpoint, string caller) : ISdkHttp
{
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    public async Task<SdkHttpResponse> SendAsync(SdkHttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var what = $"->relay:{request.Method} {request.PathAndQuery}";
        network.Heard(caller); // whatever comes back, faults included, the caller hears of it
        if (network.Roll(network.Swarm.HttpFailurePercent))
        {
            switch (network.Random.NextInt(3))
            {
                case 0:
                    network.Log.Add(caller, "http-fault", what + " refused");
                    throw new HttpRequestException("simulated connection failure");
                case 1:
                    network.Log.Add(caller, "http-fault", what + " timed out");
                    await VirtualDelay.For(network.Clock, CallTimeout).ConfigureAwait(false);
                    throw new TaskCanceledException("simulated HTTP timeout");
                default:
                    network.Log.Add(caller, "http-fault", what + " 503");
                    return new SdkHttpResponse(503, """{"error":"service unavailable"}""");
            }
        }

        network.Log.Add(caller, "http", what);
        var authorization = request.BearerToken is null ? null : "Bearer " + request.BearerToken;
        var response = await endpoint.HandleAsync(request.Method, request.PathAndQuery, authorization, request.JsonBody).ConfigureAwait(false);
        if (network.Roll(network.Swarm.SlowHttpPercent))
        {
            var delay = TimeSpan.FromSeconds(1 + network.Random.NextInt(8));
            network.Log.Add(caller, "http-slow", $"{what} answer arrives after {delay.TotalSeconds:0} s");
            await VirtualDelay.For(network.Clock, delay).ConfigureAwait(false);
        }

        return new SdkHttpResponse(response.Status, response.Body);
    }
}
