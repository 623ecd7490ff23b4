using Delight.Transport.Http;
using Delight.Transport.RelayFront;
using Delight.Transport.Tests.Support;

namespace Delight.Transport.Tests.Http;

/// <summary><see cref="RelayHttpSessionHistory"/> against answers the relay runtime never gives, from a scripted relay
/// behind the real front: each one must be a typed error (so the session retries), never a crash or an endless loop.</summary>
[TestFixture]
[Category("Integration")]
[CancelAfter(60_000)]
public sealed class SessionHistoryErrorTests
{
    private const string Messages = "/v1/sessions/s-1/messages";

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

    /// <summary>Logs in anyone; the messages route answers with <paramref name="messages"/>(query).</summary>
    private void Answer(Func<string, RelayFrontHttpResponse> messages)
    {
        backend.Http = request => request.Path switch
        {
            "/v1/auth/challenge" => RelayFrontHttpResponse.Json(200, """{"challengeId":"c1","challenge":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="}"""),
            "/v1/auth" => RelayFrontHttpResponse.Json(200, """{"success":true,"token":"a.b.c"}"""),
            Messages => messages(request.Query),
            _ => RelayFrontHttpResponse.Json(404, """{"error":"not found"}"""),
        };
    }

    private static string Message(long seq, string content = """{"t":"encrypted","c":"AAAA"}""") =>
        $$"""{"id":"m{{seq}}","seq":{{seq}},"content":{{content}},"localId":null,"createdAt":1,"updatedAt":1}""";

    [Test]
    public void A_token_refused_even_after_a_fresh_login_is_a_typed_unauthorized()
    {
        Answer(_ => RelayFrontHttpResponse.Json(401, """{"error":"invalid token"}"""));
        var client = Client();

        var error = Assert.ThrowsAsync<RelayHttpException>(() => new RelayHttpSessionHistory(client).FetchAfterAsync("s-1", 0, CancellationToken.None));

        Assert.That(error!.Kind, Is.EqualTo(RelayHttpErrorKind.Unauthorized));
        Assert.That(error.RelayError, Is.EqualTo("invalid token"));
        Assert.That(client.LoginCount, Is.EqualTo(2), "one login, one refresh after the 401, then give up");
    }

    [Test]
    public void A_server_error_is_a_typed_server_error()
    {
        Answer(_ => RelayFrontHttpResponse.Json(500, """{"error":"database is locked"}"""));

        var error = Assert.ThrowsAsync<RelayHttpException>(() => new RelayHttpSessionHistory(Client()).FetchAfterAsync("s-1", 0, CancellationToken.None));

        Assert.That(error!.Kind, Is.EqualTo(RelayHttpErrorKind.ServerError));
        Assert.That(error.RelayError, Is.EqualTo("database is locked"));
    }

    [TestCase("not json")]
    [TestCase("""{"page":{"hasMore":false}}""")]
    [TestCase("""{"messages":null}""")]
    [TestCase("""{"messages":[{"id":"m1","content":{"t":"encrypted","c":"AAAA"}}]}""")]
    [TestCase("""{"messages":[{"seq":1,"content":{"t":"encrypted","c":"AAAA"}}]}""")]
    [TestCase("""{"messages":[{"id":"m2","seq":2,"content":{"t":"encrypted","c":"AAAA"}},{"id":"m1","seq":1,"content":{"t":"encrypted","c":"AAAA"}}]}""")]
    public void A_malformed_answer_is_a_typed_malformed_response(string body)
    {
        Answer(_ => RelayFrontHttpResponse.Json(200, body));

        var error = Assert.ThrowsAsync<RelayHttpException>(() => new RelayHttpSessionHistory(Client()).FetchAfterAsync("s-1", 0, CancellationToken.None));

        Assert.That(error!.Kind, Is.EqualTo(RelayHttpErrorKind.MalformedResponse));
    }

    [Test]
    public void A_relay_that_ignores_afterSeq_is_a_typed_error_not_an_endless_loop()
    {
        // Always the same full page: the second page does not move past the first, so paging would never end.
        var calls = 0;
        Answer(_ =>
        {
            Interlocked.Increment(ref calls);
            return RelayFrontHttpResponse.Json(200, $$$"""{"messages":[{{{Message(1)}}},{{{Message(2)}}}],"page":{"hasMore":false}}""");
        });

        var error = Assert.ThrowsAsync<RelayHttpException>(
            () => new RelayHttpSessionHistory(Client(), pageSize: 2).FetchAfterAsync("s-1", 0, CancellationToken.None));

        Assert.That(error!.Kind, Is.EqualTo(RelayHttpErrorKind.MalformedResponse));
        Assert.That(calls, Is.EqualTo(2));
    }

    [Test]
    public async Task A_content_variant_other_than_encrypted_is_stepped_over_and_paging_goes_on_after_it()
    {
        var queries = new List<string>();
        Answer(query =>
        {
            lock (queries)
            {
                queries.Add(query);
            }

            return query.Contains("afterSeq=0", StringComparison.Ordinal)
                ? RelayFrontHttpResponse.Json(200, $$"""{"messages":[{{Message(1)}},{{Message(2, """{"t":"future","x":1}""")}}]}""")
                : RelayFrontHttpResponse.Json(200, $$"""{"messages":[{{Message(3)}}]}""");
        });

        var fetched = await new RelayHttpSessionHistory(Client(), pageSize: 2).FetchAfterAsync("s-1", 0, CancellationToken.None);

        Assert.That(fetched.Select(m => m.Seq), Is.EqualTo(new long[] { 1, 3 }));
        Assert.That(fetched.Select(m => m.Ciphertext), Is.All.EqualTo("AAAA"));
        Assert.That(queries, Has.Count.EqualTo(2));
        Assert.That(queries[1], Does.Contain("afterSeq=2"), "the second page starts after the unknown variant");
    }
}
