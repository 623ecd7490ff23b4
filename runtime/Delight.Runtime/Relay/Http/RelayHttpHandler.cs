using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Delight.Runtime.Relay.Wire;

namespace Delight.Runtime.Relay.Http;

/// <summary>
/// Routes real HTTP requests to the in-process relay, so an <see cref="HttpClient"/> (the SDK's, the CLI's) can talk
/// to it with no socket. Bad requests get a JSON <c>{"error"}</c> and a 4xx status, never an exception.
/// </summary>
public sealed class RelayHttpHandler(RelayHttpApi api) : HttpMessageHandler
{
    private sealed record ChallengeDto([property: JsonPropertyName("publicKey")] string? PublicKey);

    private sealed record AuthDto(
        [property: JsonPropertyName("publicKey")] string? PublicKey,
        [property: JsonPropertyName("challengeId")] string? ChallengeId,
        [property: JsonPropertyName("signature")] string? Signature);

    private sealed record CreateSessionDto(
        [property: JsonPropertyName("tag")] string? Tag,
        [property: JsonPropertyName("terminalId")] string? TerminalId,
        [property: JsonPropertyName("metadata")] string? Metadata,
        [property: JsonPropertyName("agentState")] string? AgentState,
        [property: JsonPropertyName("dataEncryptionKey")] string? DataEncryptionKey);

    private sealed record CreateTerminalDto(
        [property: JsonPropertyName("id")] string? Id,
        [property: JsonPropertyName("metadata")] string? Metadata,
        [property: JsonPropertyName("daemonState")] string? DaemonState,
        [property: JsonPropertyName("dataEncryptionKey")] string? DataEncryptionKey);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        RelayHttpResponse response;
        try
        {
            response = await RouteAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            response = RelayHttpResponse.Error(400, "invalid request body");
        }

        return ToMessage(request, response);
    }

    private async Task<RelayHttpResponse> RouteAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri ?? new Uri("/", UriKind.Relative);
        var path = (uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?')[0]).TrimEnd('/');
        var query = ParseQuery(uri.IsAbsoluteUri ? uri.Query : (uri.OriginalString.Contains('?', StringComparison.Ordinal) ? uri.OriginalString[uri.OriginalString.IndexOf('?', StringComparison.Ordinal)..] : string.Empty));
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var method = request.Method.Method;

        if (method == "POST" && path == "/v1/auth/challenge")
        {
            var dto = await ReadAsync<ChallengeDto>(request, cancellationToken).ConfigureAwait(false);
            return await api.AuthChallengeAsync(new AuthChallengeRequest(dto?.PublicKey ?? string.Empty)).ConfigureAwait(false);
        }

        if (method == "POST" && path == "/v1/auth")
        {
            var dto = await ReadAsync<AuthDto>(request, cancellationToken).ConfigureAwait(false);
            return await api.AuthAsync(new AuthRequest(dto?.PublicKey ?? string.Empty, dto?.ChallengeId ?? string.Empty, dto?.Signature ?? string.Empty)).ConfigureAwait(false);
        }

        if (segments.Length < 2 || segments[0] != "v1" || segments[1] is not ("sessions" or "terminals"))
        {
            return RelayHttpResponse.Error(404, "not found");
        }

        if (BearerToken(request) is not { } token)
        {
            return RelayHttpResponse.Error(401, "missing authorization header");
        }

        AccountHttpRequest? typed = (method, segments.Length, segments[1]) switch
        {
            ("GET", 2, "sessions") => new ListSessionsRequest(Int(query, "limit")),
            ("POST", 2, "sessions") => await ReadAsync<CreateSessionDto>(request, cancellationToken).ConfigureAwait(false) is { } s
                ? new CreateSessionRequest(s.Tag ?? string.Empty, s.TerminalId ?? string.Empty, s.Metadata ?? string.Empty, s.AgentState, s.DataEncryptionKey)
                : null,
            ("GET", 3, "sessions") => new GetSessionRequest(segments[2]),
            ("GET", 4, "sessions") when segments[3] == "messages" => new ListMessagesRequest(
                segments[2], Int(query, "limit"), Long(query, "beforeSeq"), Long(query, "afterSeq"), Int(query, "offset")),
            ("GET", 2, "terminals") => new ListTerminalsRequest(),
            ("POST", 2, "terminals") => await ReadAsync<CreateTerminalDto>(request, cancellationToken).ConfigureAwait(false) is { } t
                ? new CreateTerminalRequest(t.Id ?? string.Empty, t.Metadata ?? string.Empty, t.DaemonState, t.DataEncryptionKey)
                : null,
            ("GET", 3, "terminals") => new GetTerminalRequest(segments[2]),
            _ => null,
        };

        return typed is null
            ? RelayHttpResponse.Error(404, "not found")
            : await api.SendAsync(token, typed).ConfigureAwait(false);
    }

    /// <summary><c>Bearer</c>, <c>Token</c>, <c>JWT</c> or the raw token (PROTOCOL.md §7).</summary>
    private static string? BearerToken(HttpRequestMessage request)
    {
        if (!request.Headers.TryGetValues("Authorization", out var values))
        {
            return null;
        }

        var header = values.FirstOrDefault()?.Trim();
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }

        foreach (var scheme in new[] { "Bearer ", "Token ", "JWT " })
        {
            if (header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                return header[scheme.Length..].Trim();
            }
        }

        return header;
    }

    private static async Task<T?> ReadAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
        where T : class
    {
        if (request.Content is null)
        {
            return null;
        }

        var text = await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return string.IsNullOrWhiteSpace(text) ? null : JsonSerializer.Deserialize<T>(text, RelayWireCodec.Options);
    }

    private static Dictionary<string, string> ParseQuery(string query)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            result[key] = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..]);
        }

        return result;
    }

    private static int? Int(Dictionary<string, string> query, string key) =>
        query.TryGetValue(key, out var v) && int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static long? Long(Dictionary<string, string> query, string key) =>
        query.TryGetValue(key, out var v) && long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static HttpResponseMessage ToMessage(HttpRequestMessage request, RelayHttpResponse response)
    {
        var json = response.Body is TerminalsBody terminals
            ? JsonSerializer.Serialize(terminals.Terminals, RelayWireCodec.Options)
            : JsonSerializer.Serialize(response.Body, response.Body.GetType(), RelayWireCodec.Options);
        return new HttpResponseMessage((HttpStatusCode)response.StatusCode)
        {
            RequestMessage = request,
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
    }
}
