using System.Net;
using System.Text;

namespace Delight.Runtime.Relay.Http;

/// <summary>
/// Routes real HTTP requests to the in-process relay through <see cref="RelayHttpRouter"/>, so an
/// <see cref="HttpClient"/> (the SDK's, the CLI's) can talk to it with no socket.
/// </summary>
public sealed class RelayHttpHandler(RelayHttpApi api) : HttpMessageHandler
{
    private readonly RelayHttpRouter _router = new(api);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri ?? new Uri("/", UriKind.Relative);
        var pathAndQuery = uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
        var authorization = request.Headers.TryGetValues("Authorization", out var values) ? values.FirstOrDefault() : null;
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var answer = await _router.RouteAsync(request.Method.Method, pathAndQuery, authorization, body).ConfigureAwait(false);
        return new HttpResponseMessage((HttpStatusCode)answer.StatusCode)
        {
            RequestMessage = request,
            Content = new StringContent(answer.Json, Encoding.UTF8, "application/json"),
        };
    }
}
