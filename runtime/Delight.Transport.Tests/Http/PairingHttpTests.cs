using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Delight.Transport.Http;
using Delight.Transport.RelayFront;
using Delight.Transport.Tests.Support;

namespace Delight.Transport.Tests.Http;

/// <summary>The pairing calls (PROTOCOL.md §7.1, §7.2, §9.10) against a scripted relay behind the real front: the
/// relay runtime does not serve pairing, so these check the requests the adapter makes and how it reads the answers.</summary>
[TestFixture]
[Category("Integration")]
[CancelAfter(60_000)]
public sealed class PairingHttpTests
{
    private const string PairingKey = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";

    private ScriptedRelayBackend backend = null!;
    private TestRelay relay = null!;
    private HttpClient http = null!;
    private readonly ConcurrentQueue<RelayFrontHttpRequest> requests = new();

    [SetUp]
    public async Task StartRelay()
    {
        backend = new ScriptedRelayBackend
        {
            Http = request =>
            {
                requests.Enqueue(request);
                return (request.Method, request.Path) switch
                {
                    ("POST", "/v1/auth/challenge") => RelayFrontHttpResponse.Json(200, """{"challengeId":"c1","challenge":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="}"""),
                    ("POST", "/v1/auth") => RelayFrontHttpResponse.Json(200, """{"success":true,"token":"a.b.c"}"""),
                    ("POST", "/v1/auth/request") => RelayFrontHttpResponse.Json(200, """{"id":"c9","state":"requested"}"""),
                    ("GET", "/v1/auth/request/status") when requests.Count(r => r.Path == "/v1/auth/request/status") == 1 =>
                        RelayFrontHttpResponse.Json(404, """{"error":"auth request not found"}"""),
                    ("GET", "/v1/auth/request/status") => RelayFrontHttpResponse.Json(200, """{"status":"authorized","response":"Ym94"}"""),
                    ("POST", "/v1/auth/response") => RelayFrontHttpResponse.Json(200, """{"success":true}"""),
                    _ => RelayFrontHttpResponse.Json(404, """{"error":"not found"}"""),
                };
            },
        };
        relay = await TestRelay.StartAsync(backend);
        http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
    }

    [TearDown]
    public async Task StopRelay()
    {
        http.Dispose();
        await relay.DisposeAsync();
    }

    private RelayHttpClient Client() =>
        RelayHttpClient.ForMasterSecret(http, TestKeys.NewMasterSecret(), new RelayHttpClientOptions { BaseUri = relay.BaseUri }, TestLog.Logger);

    [Test]
    public async Task The_cli_requests_pairing_and_polls_until_authorized()
    {
        var client = Client();

        var requested = await client.RequestPairingAsync(PairingKey);
        var pending = Assert.ThrowsAsync<RelayHttpException>(() => client.GetPairingStatusAsync(PairingKey));
        var status = await client.GetPairingStatusAsync(PairingKey);

        Assert.That(requested.State.Value, Is.EqualTo("requested"));
        Assert.That(pending!.Kind, Is.EqualTo(RelayHttpErrorKind.NotFound), "404 means keep polling");
        Assert.That(status.Status.Value, Is.EqualTo("authorized"));
        Assert.That(status.Response.Value, Is.EqualTo("Ym94"));
        var post = requests.First(r => r.Path == "/v1/auth/request");
        Assert.That(JsonNode.Parse(post.Body)!["publicKey"]!.GetValue<string>(), Is.EqualTo(PairingKey));
        Assert.That(post.Authorization, Is.Null, "pairing requests are public");
        var poll = requests.First(r => r.Path == "/v1/auth/request/status");
        Assert.That(Uri.UnescapeDataString(poll.Query), Is.EqualTo("publicKey=" + PairingKey));
    }

    [Test]
    public async Task The_phone_answers_a_pairing_request_with_its_token()
    {
        var client = Client();

        var answer = await client.RespondToPairingAsync(PairingKey, "Ym94");

        Assert.That(answer.Success.Value, Is.True);
        var response = requests.Single(r => r.Path == "/v1/auth/response");
        Assert.That(response.Authorization, Is.EqualTo("Bearer a.b.c"));
        var body = JsonNode.Parse(response.Body)!;
        Assert.That(body["publicKey"]!.GetValue<string>(), Is.EqualTo(PairingKey));
        Assert.That(body["response"]!.GetValue<string>(), Is.EqualTo("Ym94"));
    }
}
