namespace Delight.Transport.Tests.Support;

/// <summary>Passes requests on to the network and remembers each one's path and query, so a test can see which
/// calls an adapter made (for example the pages of a history fetch).</summary>
public sealed class RecordingHttpHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly object gate = new();
    private readonly List<string> requests = [];

    /// <summary>Every request so far, as <c>METHOD /path?query</c>.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    /// <summary>The recorded requests whose path starts with <paramref name="prefix"/>.</summary>
    public IReadOnlyList<string> RequestsTo(string prefix) =>
        [.. Requests.Where(r => r.Split(' ', 2)[1].StartsWith(prefix, StringComparison.Ordinal))];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            requests.Add(request.Method.Method + " " + request.RequestUri?.PathAndQuery);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
