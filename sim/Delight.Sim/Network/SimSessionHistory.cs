using System.Globalization;
using System.Text.Json;
using Delight.Runtime.Relay.Http;
using Delight.Runtime.Relay.Wire;
using Delight.Runtime.Session;
using Delight.Runtime.Sdk;

namespace Delight.Sim.Network;

/// <summary>
/// The CLI's catch-up fetch in the simulated world: <c>GET /v1/sessions/:id/messages?afterSeq=N</c> over the same
/// faulty HTTP path as the phone's (<see cref="SimSdkHttp"/>), parsed into stored messages.
/// </summary>
public sealed class SimSessionHistory(SimNetwork network, ISimHttpEndpoint endpoint, string caller, string token) : ISessionHistory
{
    private readonly SimSdkHttp _http = new(network, endpoint, caller);

    public async Task<IReadOnlyList<StoredSessionMessage>> FetchAfterAsync(string sessionId, long afterSeq, CancellationToken cancellationToken)
    {
        var path = string.Create(CultureInfo.InvariantCulture, $"/v1/sessions/{Uri.EscapeDataString(sessionId)}/messages?afterSeq={afterSeq}&limit=500");
        var response = await _http.SendAsync(new SdkHttpRequest("GET", path, token, null)).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw new HttpRequestException($"history fetch failed with {response.StatusCode}");
        }

        var body = JsonSerializer.Deserialize<MessagesBody>(response.Body, RelayWireCodec.Options)
            ?? throw new HttpRequestException("history fetch returned no body");
        return [.. body.Messages.Select(m => new StoredSessionMessage(m.Seq, m.Id, m.LocalId, m.Content.C))];
    }
}
