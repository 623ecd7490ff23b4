using System.Collections.Immutable;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Delight.Protocol.Crypto;
using Delight.Protocol.Wire;
using Delight.Protocol.Wire.Http;
using Delight.Protocol.Wire.Json;
using Delight.Transport.SocketIo;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Delight.Transport.Http;

/// <summary>
/// The relay's HTTP API (PROTOCOL.md §7) on <see cref="HttpClient"/>, with bodies from the wire codec. It logs in by
/// challenge and response with the account's Ed25519 key (§9.8), keeps the JWT, refreshes it when fewer than ten
/// minutes remain or once after a 401 (§9.9), and turns every non-success status into a
/// <see cref="RelayHttpException"/>. It is also the sockets' <see cref="ISocketTokenSource"/>, so a socket refused
/// for its token gets the refreshed one.
/// </summary>
public sealed class RelayHttpClient : ISocketTokenSource
{
    private readonly HttpClient http;
    private readonly Ed25519KeyPair accountKey;
    private readonly RelayHttpClientOptions options;
    private readonly ILogger logger;
    private readonly SemaphoreSlim loginLock = new(1, 1);
    private string? token;

    public RelayHttpClient(HttpClient http, Ed25519KeyPair accountKey, RelayHttpClientOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(accountKey);
        ArgumentNullException.ThrowIfNull(options);
        this.http = http;
        this.accountKey = accountKey;
        this.options = options;
        this.logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The client for the account whose 32-byte master secret is given (the Ed25519 seed is its SHA-256).</summary>
    public static RelayHttpClient ForMasterSecret(HttpClient http, ReadOnlySpan<byte> masterSecret, RelayHttpClientOptions options, ILogger? logger = null) =>
        new(http, Ed25519KeyPair.ForAccount(masterSecret), options, logger);

    /// <summary>How many times this client logged in (challenge and response).</summary>
    public int LoginCount { get; private set; }

    /// <summary>The current token, if logged in.</summary>
    public string? CurrentToken => Volatile.Read(ref token);

    // ---------------------------------------------------------------- auth (§7.1, §9.8, §9.9)

    /// <summary>Logs in by challenge and response and keeps the token.</summary>
    public async Task<string> AuthenticateAsync(CancellationToken cancellationToken = default)
    {
        var challenge = await SendPublicAsync<AuthChallengeResponse>(
            HttpMethod.Post, "/v1/auth/challenge", new AuthChallengeRequest { PublicKey = accountKey.PublicKeyBase64 }, cancellationToken).ConfigureAwait(false);
        var challengeId = Required(challenge.ChallengeId, "POST", "/v1/auth/challenge", "challengeId");
        var challengeBytes = Required(challenge.Challenge, "POST", "/v1/auth/challenge", "challenge");
        AuthChallengeSignature signature;
        try
        {
            signature = AuthChallenge.Sign(accountKey, challengeBytes);
        }
        catch (CryptoFailureException e)
        {
            throw new RelayHttpException(RelayHttpErrorKind.MalformedResponse, "POST", "/v1/auth/challenge", 200, "challenge is not base64", e);
        }

        var auth = await SendPublicAsync<AuthResponse>(
            HttpMethod.Post,
            "/v1/auth",
            new AuthRequest { PublicKey = signature.PublicKey, ChallengeId = challengeId, Signature = signature.Signature },
            cancellationToken).ConfigureAwait(false);
        var issued = Required(auth.Token, "POST", "/v1/auth", "token");
        Volatile.Write(ref token, issued);
        LoginCount++;
        return issued;
    }

    /// <summary>A token with more than the refresh margin left, logging in first if needed.</summary>
    public async ValueTask<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        var seen = CurrentToken;
        if (!forceRefresh && seen is not null && !NeedsRefresh(seen))
        {
            return seen;
        }

        return await RefreshAsync(forceRefresh ? seen : null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Logs in again unless another caller already replaced <paramref name="stale"/> with a fresh token.</summary>
    private async Task<string> RefreshAsync(string? stale, CancellationToken cancellationToken)
    {
        await loginLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = CurrentToken;
            if (current is not null && current != stale && !NeedsRefresh(current))
            {
                return current;
            }

            return await AuthenticateAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            loginLock.Release();
        }
    }

    private bool NeedsRefresh(string current) =>
        JwtToken.NeedsRefresh(current, options.TimeProvider.GetUtcNow(), options.RefreshMargin);

    // ---------------------------------------------------------------- pairing (§7.1, §7.2, §9.10)

    /// <summary><c>POST /v1/auth/request</c>: the CLI asks to be paired with its X25519 key.</summary>
    public Task<PairingRequestResponse> RequestPairingAsync(string pairingPublicKeyBase64, CancellationToken cancellationToken = default) =>
        SendPublicAsync<PairingRequestResponse>(HttpMethod.Post, "/v1/auth/request", new PairingRequest { PublicKey = pairingPublicKeyBase64 }, cancellationToken);

    /// <summary><c>GET /v1/auth/request/status</c>; 404 (not yet known) is a <see cref="RelayHttpErrorKind.NotFound"/> error.</summary>
    public Task<PairingStatusResponse> GetPairingStatusAsync(string pairingPublicKeyBase64, CancellationToken cancellationToken = default) =>
        SendPublicAsync<PairingStatusResponse>(
            HttpMethod.Get, "/v1/auth/request/status?publicKey=" + Uri.EscapeDataString(pairingPublicKeyBase64), null, cancellationToken);

    /// <summary><c>POST /v1/auth/response</c>: the phone answers a pairing request with the boxed master secret.</summary>
    public Task<SuccessResponse> RespondToPairingAsync(string pairingPublicKeyBase64, string responseBase64, CancellationToken cancellationToken = default) =>
        SendAsync<SuccessResponse>(HttpMethod.Post, "/v1/auth/response",
            new PairingResponseRequest { PublicKey = pairingPublicKeyBase64, Response = responseBase64 }, cancellationToken);

    // ---------------------------------------------------------------- sessions (§7.2)

    public async Task<ImmutableArray<Session>> ListSessionsAsync(int? limit = null, CancellationToken cancellationToken = default)
    {
        var path = "/v1/sessions" + (limit is { } n ? "?limit=" + n.ToString(CultureInfo.InvariantCulture) : string.Empty);
        var list = await SendAsync<SessionListResponse>(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
        return Required(list.Sessions, "GET", path, "sessions");
    }

    public async Task<ImmutableArray<Session>> ListActiveSessionsAsync(int? limit = null, CancellationToken cancellationToken = default)
    {
        var path = "/v2/sessions/active" + (limit is { } n ? "?limit=" + n.ToString(CultureInfo.InvariantCulture) : string.Empty);
        var list = await SendAsync<SessionListResponse>(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
        return Required(list.Sessions, "GET", path, "sessions");
    }

    /// <summary><c>POST /v1/sessions</c>: creates the session for a tag, or returns (and refreshes) the existing one.</summary>
    public async Task<Session> CreateSessionAsync(CreateSessionRequest request, CancellationToken cancellationToken = default)
    {
        var response = await SendAsync<SessionResponse>(HttpMethod.Post, "/v1/sessions", request, cancellationToken).ConfigureAwait(false);
        return Required(response.Session, "POST", "/v1/sessions", "session");
    }

    public async Task<Session> GetSessionAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        var path = "/v1/sessions/" + Uri.EscapeDataString(sessionId);
        var response = await SendAsync<SessionResponse>(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
        return Required(response.Session, "GET", path, "session");
    }

    public Task<SuccessResponse> DeleteSessionAsync(string sessionId, CancellationToken cancellationToken = default) =>
        SendAsync<SuccessResponse>(HttpMethod.Delete, "/v1/sessions/" + Uri.EscapeDataString(sessionId), null, cancellationToken);

    /// <summary><c>GET /v1/sessions/:id/messages</c> with the paging mode given (beforeSeq wins over afterSeq).</summary>
    public Task<MessagesResponse> GetMessagesAsync(
        string sessionId, int? limit = null, long? beforeSeq = null, long? afterSeq = null, CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        if (limit is { } l)
        {
            query.Add("limit=" + l.ToString(CultureInfo.InvariantCulture));
        }

        if (beforeSeq is { } b)
        {
            query.Add("beforeSeq=" + b.ToString(CultureInfo.InvariantCulture));
        }

        if (afterSeq is { } a)
        {
            query.Add("afterSeq=" + a.ToString(CultureInfo.InvariantCulture));
        }

        var path = "/v1/sessions/" + Uri.EscapeDataString(sessionId) + "/messages" + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty);
        return SendAsync<MessagesResponse>(HttpMethod.Get, path, null, cancellationToken);
    }

    // ---------------------------------------------------------------- terminals (§7.2)

    /// <summary><c>GET /v1/terminals</c>: a bare array.</summary>
    public Task<ImmutableArray<Terminal>> ListTerminalsAsync(CancellationToken cancellationToken = default) =>
        SendAsync<ImmutableArray<Terminal>>(HttpMethod.Get, "/v1/terminals", null, cancellationToken);

    public async Task<Terminal> CreateTerminalAsync(CreateTerminalRequest request, CancellationToken cancellationToken = default)
    {
        var response = await SendAsync<TerminalResponse>(HttpMethod.Post, "/v1/terminals", request, cancellationToken).ConfigureAwait(false);
        return Required(response.Terminal, "POST", "/v1/terminals", "terminal");
    }

    public async Task<Terminal> GetTerminalAsync(string terminalId, CancellationToken cancellationToken = default)
    {
        var path = "/v1/terminals/" + Uri.EscapeDataString(terminalId);
        var response = await SendAsync<TerminalResponse>(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
        return Required(response.Terminal, "GET", path, "terminal");
    }

    public Task<SuccessResponse> DeleteTerminalAsync(string terminalId, CancellationToken cancellationToken = default) =>
        SendAsync<SuccessResponse>(HttpMethod.Delete, "/v1/terminals/" + Uri.EscapeDataString(terminalId), null, cancellationToken);

    public Task<SuccessResponse> SendTerminalAliveAsync(string terminalId, bool active, long timeMs, CancellationToken cancellationToken = default) =>
        SendAsync<SuccessResponse>(HttpMethod.Post, "/v1/terminals/" + Uri.EscapeDataString(terminalId) + "/alive",
            new TerminalAliveRequest { Active = active, Time = timeMs }, cancellationToken);

    // ---------------------------------------------------------------- plumbing

    /// <summary>A protected call: bearer token, refreshed first when near expiry, and retried once after a 401.</summary>
    public async Task<TResponse> SendAsync<TResponse>(HttpMethod method, string path, object? body, CancellationToken cancellationToken = default)
    {
        var bearer = await GetTokenAsync(false, cancellationToken).ConfigureAwait(false);
        var (status, text) = await ExchangeAsync(method, path, body, bearer, cancellationToken).ConfigureAwait(false);
        if (status == 401)
        {
            logger.LogInformation("{Method} {Path}: 401, logging in again and retrying once", method.Method, path);
            bearer = await RefreshAsync(bearer, cancellationToken).ConfigureAwait(false);
            (status, text) = await ExchangeAsync(method, path, body, bearer, cancellationToken).ConfigureAwait(false);
        }

        return Read<TResponse>(method.Method, path, status, text);
    }

    private async Task<TResponse> SendPublicAsync<TResponse>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        var (status, text) = await ExchangeAsync(method, path, body, null, cancellationToken).ConfigureAwait(false);
        return Read<TResponse>(method.Method, path, status, text);
    }

    private async Task<(int Status, string Body)> ExchangeAsync(
        HttpMethod method, string path, object? body, string? bearer, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(options.BaseUri, path));
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (body is not null)
        {
            request.Content = new StringContent(WireCodec.Encode(body), Encoding.UTF8, "application/json");
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return ((int)response.StatusCode, text);
        }
        catch (HttpRequestException e)
        {
            throw new RelayHttpException(RelayHttpErrorKind.Unreachable, method.Method, path, 0, e.Message, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RelayHttpException(RelayHttpErrorKind.Unreachable, method.Method, path, 0, "timed out", e);
        }
    }

    private static TResponse Read<TResponse>(string method, string path, int status, string text)
    {
        if (status is < 200 or > 299)
        {
            throw new RelayHttpException(RelayHttpException.KindOf(status), method, path, status, ReadError(text));
        }

        try
        {
            return WireCodec.Decode<TResponse>(text);
        }
        catch (WireFormatException e)
        {
            throw new RelayHttpException(RelayHttpErrorKind.MalformedResponse, method, path, status, e.Message, e);
        }
    }

    /// <summary>The relay's <c>{"error":"..."}</c> text; a body that is not that shape yields null, never an exception.</summary>
    private static string? ReadError(string text)
    {
        try
        {
            return WireCodec.Decode<ErrorResponse>(text).Error.Value;
        }
        catch (WireFormatException)
        {
            return null;
        }
    }

    private static T Required<T>(Optional<T> field, string method, string path, string name) =>
        field.HasValue && field.Value is { } value
            ? value
            : throw new RelayHttpException(RelayHttpErrorKind.MalformedResponse, method, path, 200, $"response has no '{name}'");
}
