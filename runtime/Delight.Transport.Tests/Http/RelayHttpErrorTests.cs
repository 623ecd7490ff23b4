using Delight.Transport.Http;
using Delight.Transport.RelayFront;
using Delight.Transport.Tests.Support;

namespace Delight.Transport.Tests.Http;

/// <summary>Statuses and bodies the relay runtime never produces, from a scripted relay behind the real front.</summary>
[TestFixture]
[Category("Integration")]
[CancelAfter(60_000)]
public sealed class RelayHttpErrorTests
{
    private ScriptedRelayBackend backend = null!;
    private TestRelay relay = null!;
    private HttpClient http = null!;

    [SetUp]
    public async Task StartRelay()
    {
        backend = new ScriptedRelayBackend();
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

    private void Answer(int status, string body)
    {
        backend.Http = request => request.Path switch
        {
            "/v1/auth/challenge" => RelayFrontHttpResponse.Json(200, """{"challengeId":"c1","challenge":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="}"""),
            "/v1/auth" => RelayFrontHttpResponse.Json(200, """{"success":true,"token":"a.b.c"}"""),
            _ => RelayFrontHttpResponse.Json(status, body),
        };
    }

    [TestCase(400, RelayHttpErrorKind.BadRequest)]
    [TestCase(403, RelayHttpErrorKind.Forbidden)]
    [TestCase(404, RelayHttpErrorKind.NotFound)]
    [TestCase(409, RelayHttpErrorKind.Conflict)]
    [TestCase(500, RelayHttpErrorKind.ServerError)]
    [TestCase(503, RelayHttpErrorKind.ServerError)]
    [TestCase(418, RelayHttpErrorKind.UnexpectedStatus)]
    public void Every_non_success_status_is_a_typed_error_with_the_relay_text(int status, RelayHttpErrorKind kind)
    {
        Answer(status, """{"error":"scripted failure"}""");

        var error = Assert.ThrowsAsync<RelayHttpException>(() => Client().ListSessionsAsync());

        Assert.That(error!.Kind, Is.EqualTo(kind));
        Assert.That(error.StatusCode, Is.EqualTo(status));
        Assert.That(error.RelayError, Is.EqualTo("scripted failure"));
    }

    [Test]
    public void A_401_after_a_fresh_login_is_a_typed_unauthorized_after_exactly_one_retry()
    {
        Answer(401, """{"error":"invalid token"}""");
        var client = Client();

        var error = Assert.ThrowsAsync<RelayHttpException>(() => client.ListSessionsAsync());

        Assert.That(error!.Kind, Is.EqualTo(RelayHttpErrorKind.Unauthorized));
        Assert.That(client.LoginCount, Is.EqualTo(2), "one login, then one refresh after the 401, then give up");
    }

    [Test]
    public void A_refused_signature_is_a_typed_unauthorized()
    {
        backend.Http = request => request.Path switch
        {
            "/v1/auth/challenge" => RelayFrontHttpResponse.Json(200, """{"challengeId":"c1","challenge":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="}"""),
            _ => RelayFrontHttpResponse.Json(401, """{"error":"invalid signature"}"""),
        };

        var error = Assert.ThrowsAsync<RelayHttpException>(() => Client().AuthenticateAsync());

        Assert.That(error!.Kind, Is.EqualTo(RelayHttpErrorKind.Unauthorized));
        Assert.That(error.RelayError, Is.EqualTo("invalid signature"));
    }

    [TestCase("not json at all")]
    [TestCase("""{"sessions":"not an array"}""")]
    [TestCase("""{"sessions":[{"id":5}]}""")]
    [TestCase("{}")]
    public void A_success_status_with_a_malformed_body_is_a_typed_error(string body)
    {
        Answer(200, body);

        var error = Assert.ThrowsAsync<RelayHttpException>(() => Client().ListSessionsAsync());

        Assert.That(error!.Kind, Is.EqualTo(RelayHttpErrorKind.MalformedResponse));
    }

    [Test]
    public void A_non_json_error_body_still_gives_a_typed_error()
    {
        Answer(502, "<html>bad gateway</html>");

        var error = Assert.ThrowsAsync<RelayHttpException>(() => Client().ListSessionsAsync());

        Assert.That(error!.Kind, Is.EqualTo(RelayHttpErrorKind.ServerError));
        Assert.That(error.RelayError, Is.Null);
    }
}
