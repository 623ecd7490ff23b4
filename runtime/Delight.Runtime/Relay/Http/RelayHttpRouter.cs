using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Delight.Runtime.Relay.Wire;

namespace Delight.Runtime.Relay.Http;

/// <summary>
/// The relay's HTTP routes at the level of text: method, path and query, the Authorization header and the body in;
/// status and JSON body out. <see cref="RelayHttpHandler"/> puts it behind an <see cref="HttpClient"/>; the simulation
/// calls it directly (no HttpClient, whose internals Coyote does not control). Bad requests get a JSON
/// <c>{"error"}</c> and a 4xx status, never an exception.
/// </summary>
public sealed class RelayHttpRouter(RelayHttpApi api)
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

    /// <summary>Answers one request; <paramref name="authorization"/> is the raw header value (or null).</summary>
    public async Task<RelayHttpText> RouteAsync(string method, string pathAndQuery, string? authorization, string? body)
    {
        ArgumentNullException.ThrowIfNull(method);
        RelayHttpResponse response;
        try
        {
            response = await RouteTypedAsync(method, pathAndQuery ?? "/", authorization, body).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            response = RelayHttpResponse.Error(400, "invalid request body");
        }

        return new RelayHttpText(response.StatusCode, Serialize(response));
    }

    /// <summary>The JSON of a typed response (terminal lists are a bare array).</summary>
    public static string Serialize(RelayHttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Body is TerminalsBody terminals
            ? JsonSerializer.Serialize(terminals.Terminals, RelayWireCodec.Options)
            : JsonSerializer.Serialize(response.Body, response.Body.GetType(), RelayWireCodec.Options);
    }

    private async Task<RelayHttpResponse> RouteTypedAsync(string method, string pathAndQuery, string? authorization, string? body)
    {
        var question = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = (question < 0 ? pathAndQuery : pathAndQuery[..question]).TrimEnd('/');
        var query = ParseQuery(question < 0 ? string.Empty : pathAndQuery[question..]);
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);

        if (method == "POST" && path == "/v1/auth/challenge")
        {
            var dto = Read<ChallengeDto>(body);
            return await api.AuthChallengeAsync(new AuthChallengeRequest(dto?.PublicKey ?? string.Empty)).ConfigureAwait(false);
        }

        if (method == "POST" && path == "/v1/auth")
        {
            var dto = Read<AuthDto>(body);
            return await api.AuthAsync(new AuthRequest(dto?.PublicKey ?? string.Empty, dto?.ChallengeId ?? string.Empty, dto?.Signature ?? string.Empty)).ConfigureAwait(false);
        }

        if (segments.Length < 2 || segments[0] != "v1" || segments[1] is not ("sessions" or "terminals"))
        {
            return RelayHttpResponse.Error(404, "not found");
        }

        if (BearerToken(authorization) is not { } token)
        {
            return RelayHttpResponse.Error(401, "missing authorization header");
        }

        AccountHttpRequest? typed = (method, segments.Length, segments[1]) switch
        {
            ("GET", 2, "sessions") => new ListSessionsRequest(Int(query, "limit")),
            ("POST", 2, "sessions") => Read<CreateSessionDto>(body) is { } s
                ? new CreateSessionRequest(s.Tag ?? string.Empty, s.TerminalId ?? string.Empty, s.Metadata ?? string.Empty, s.AgentState, s.DataEncryptionKey)
                : null,
            ("GET", 3, "sessions") => new GetSessionRequest(segments[2]),
            ("GET", 4, "sessions") when segments[3] == "messages" => new ListMessagesRequest(
                segments[2], Int(query, "limit"), Long(query, "beforeSeq"), Long(query, "afterSeq"), Int(query, "offset")),
            ("GET", 2, "terminals") => new ListTerminalsRequest(),
            ("POST", 2, "terminals") => Read<CreateTerminalDto>(body) is { } t
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
    private static string? BearerToken(string? authorization)
    {
        var header = authorization?.Trim();
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

    private static T? Read<T>(string? body)
        where T : class =>
        string.IsNullOrWhiteSpace(body) ? null : JsonSerializer.Deserialize<T>(body, RelayWireCodec.Options);

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
}

/// <summary>A routed answer as text.</summary>
public sealed record RelayHttpText(int StatusCode, string Json);
