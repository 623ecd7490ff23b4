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

    /// <summary>The relay's page cap (PROTOCOL.md §7): a full page means there may be more after its last seq.</summary>
    public const int PageSize = 500;

    public async Task<IReadOnlyList<StoredSessionMessage>> FetchAfterAsync(string sessionId, long afterSeq, CancellationToken cancellationToken)
    {
        var all = new List<StoredSessionMessage>();
        while (true)
        {
            var page = await FetchPageAsync(sessionId, afterSeq).ConfigureAwait(false);
            all.AddRange(page);
            if (page.Count < PageSize)
            {
                return all;
            }

            afterSeq = page[^1].Seq;
        }
    }

    private async Task<IReadOnlyList<StoredSessionMessage>> FetchPageAsync(string sessionId, long afterSeq)
    {
        var path = string.Create(CultureInfo.InvariantCulture, $"/v1/sessions/{Uri.EscapeDataString(sessionId)}/messages?afterSeq={afterSeq}&limit={PageSize}");
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
