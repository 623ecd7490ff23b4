namespace Delight.Runtime.Relay.Http;

/// <summary>
/// The relay's HTTP API (PROTOCOL.md §7) without HTTP: typed requests in, typed responses with status codes out.
/// <see cref="RelayHttpHandler"/> maps real <see cref="HttpRequestMessage"/>s onto it.
/// </summary>
public sealed class RelayHttpApi(RelayServer server)
{
    public RelayServer Server { get; } = server ?? throw new ArgumentNullException(nameof(server));

    public Task<RelayHttpResponse> AuthChallengeAsync(AuthChallengeRequest request) =>
        Task.FromResult(Server.Auth.CreateChallenge(request));

    public Task<RelayHttpResponse> AuthAsync(AuthRequest request) =>
        Task.FromResult(Server.Auth.Authenticate(request));

    /// <summary>A protected request; <paramref name="token"/> is the raw JWT (no scheme).</summary>
    public Task<RelayHttpResponse> SendAsync(string? token, AccountHttpRequest request) =>
        Server.HandleHttpAsync(token, request);
}
