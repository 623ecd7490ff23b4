using System.Text;

namespace Delight.Runtime.Sdk;

/// <summary>One HTTP call of the SDK at the level of text: method, path and query, bearer token, JSON body.</summary>
public sealed record SdkHttpRequest(string Method, string PathAndQuery, string? BearerToken, string? JsonBody);

/// <summary>The answer: status code and body text.</summary>
public sealed record SdkHttpResponse(int StatusCode, string Body)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;
}

/// <summary>
/// The SDK's HTTP path. <see cref="HttpClientSdkHttp"/> is the real one; the simulation passes its own, which calls
/// the simulated relay directly (HttpClient's internals run outside Coyote's control).
/// </summary>
public interface ISdkHttp
{
    /// <summary>Sends the request; throws <see cref="HttpRequestException"/> (or a cancellation) when the call fails
    /// without an answer.</summary>
    Task<SdkHttpResponse> SendAsync(SdkHttpRequest request);
}

/// <summary><see cref="ISdkHttp"/> over an <see cref="HttpClient"/> (its BaseAddress is the relay).</summary>
public sealed class HttpClientSdkHttp(HttpClient http) : ISdkHttp
{
    private readonly HttpClient _http = http ?? throw new ArgumentNullException(nameof(http));

    public async Task<SdkHttpResponse> SendAsync(SdkHttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.PathAndQuery);
        if (request.JsonBody is not null)
        {
            message.Content = new StringContent(request.JsonBody, Encoding.UTF8, "application/json");
        }

        if (request.BearerToken is not null)
        {
            message.Headers.TryAddWithoutValidation("Authorization", "Bearer " + request.BearerToken);
        }

        using var response = await _http.SendAsync(message).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        return new SdkHttpResponse((int)response.StatusCode, text);
    }
}
