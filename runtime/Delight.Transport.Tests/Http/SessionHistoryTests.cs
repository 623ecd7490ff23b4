using System.Globalization;
using Delight.Transport.Http;
using Delight.Transport.RelayFront;
using Delight.Transport.Tests.EndToEnd;
using Delight.Transport.Tests.Support;

namespace Delight.Transport.Tests.Http;

/// <summary>
/// <see cref="RelayHttpSessionHistory"/> against the real relay runtime behind the real front: messages are stored
/// by a phone sending on its socket, then fetched back as the CLI's catch-up does.
/// </summary>
[TestFixture]
[Category("Integration")]
[CancelAfter(120_000)]
public sealed class SessionHistoryTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private LocalRelay relay = null!;
    private RecordingHttpHandler requests = null!;
    private HttpClient http = null!;
    private byte[] masterSecret = null!;
    private RelayHttpClient cliHttp = null!;
    private string sessionId = null!;
    private Phone phone = null!;

    [SetUp]
    public async Task StartRelayAndSession()
    {
        relay = await LocalRelay.StartAsync(new LocalRelayOptions { Logger = TestLog.Logger });
        requests = new RecordingHttpHandler();
        http = new HttpClient(requests, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(20) };
        masterSecret = TestKeys.NewMasterSecret();
        cliHttp = RelayHttpClient.ForMasterSecret(http, masterSecret, new RelayHttpClientOptions { BaseUri = relay.BaseUri }, TestLog.Logger);
        (sessionId, _) = await Cli.CreateSessionAsync(cliHttp, masterSecret);
        phone = new Phone(relay.BaseUri, http, masterSecret);
        await phone.OpenSessionAsync(sessionId);
        await phone.ConnectAsync();
    }

    [TearDown]
    public async Task StopAll()
    {
        await phone.DisposeAsync();
        http.Dispose();
        requests.Dispose();
        await relay.DisposeAsync();
    }

    /// <summary>The phone sends texts <c>text-1</c>… with local ids <c>p-1</c>…; returns once the relay stored them all.</summary>
    private async Task StoreTextsAsync(int count)
    {
        for (var i = 1; i <= count; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            await phone.SendTextAsync(sessionId, "text-" + n, "p-" + n);
        }

        await ScriptedRelayBackend.WaitUntilAsync(
            () => phone.Http.GetSessionAsync(sessionId).Result.Seq.Value == count, $"{count} messages stored by the relay", Wait);
    }

    private IReadOnlyList<string> HistoryRequests() => requests.RequestsTo("/v1/sessions/" + sessionId + "/messages");

    [Test]
    public async Task The_fetch_returns_the_messages_after_a_seq_in_seq_order()
    {
        await StoreTextsAsync(5);

        var fetched = await new RelayHttpSessionHistory(cliHttp).FetchAfterAsync(sessionId, 2, CancellationToken.None);

        Assert.That(fetched.Select(m => m.Seq), Is.EqualTo(new long[] { 3, 4, 5 }));
        Assert.That(fetched.Select(m => m.LocalId), Is.EqualTo(new[] { "p-3", "p-4", "p-5" }));
        Assert.That(fetched.Select(m => m.Id), Is.All.Not.Empty);
        var texts = fetched.Select(m => phone.Decrypt(m.Ciphertext)).ToList();
        Assert.That(texts.Select((text, i) => text.Contains($"\"text-{i + 3}\"", StringComparison.Ordinal)), Is.All.True, string.Join('\n', texts));
    }

    [Test]
    public async Task The_fetch_after_the_last_seq_is_empty()
    {
        await StoreTextsAsync(2);

        var fetched = await new RelayHttpSessionHistory(cliHttp).FetchAfterAsync(sessionId, 2, CancellationToken.None);

        Assert.That(fetched, Is.Empty);
    }

    [TestCase(5, new long[] { 0, 2, 4 })]
    [TestCase(4, new long[] { 0, 2, 4 })] // a last full page needs one more (empty) page to know it was the last
    [TestCase(1, new long[] { 0 })]
    public async Task Paging_past_the_page_size_returns_every_message_once(int stored, long[] pagesAfter)
    {
        await StoreTextsAsync(stored);

        var fetched = await new RelayHttpSessionHistory(cliHttp, pageSize: 2).FetchAfterAsync(sessionId, 0, CancellationToken.None);

        Assert.That(fetched.Select(m => m.Seq), Is.EqualTo(Enumerable.Range(1, stored).Select(i => (long)i)));
        Assert.That(
            HistoryRequests(),
            Is.EqualTo(pagesAfter.Select(after => $"GET /v1/sessions/{sessionId}/messages?limit=2&afterSeq={after}")));
    }

    [Test]
    public async Task Paging_past_the_relays_cap_of_500_returns_every_message()
    {
        await StoreTextsAsync(503);

        var fetched = await new RelayHttpSessionHistory(cliHttp).FetchAfterAsync(sessionId, 1, CancellationToken.None);

        Assert.That(fetched.Select(m => m.Seq), Is.EqualTo(Enumerable.Range(2, 502).Select(i => (long)i)));
        Assert.That(fetched[^1].LocalId, Is.EqualTo("p-503"));
        Assert.That(
            HistoryRequests(),
            Is.EqualTo(new[] { 1, 501 }.Select(after => $"GET /v1/sessions/{sessionId}/messages?limit=500&afterSeq={after}")));
    }

    [Test]
    public void An_unknown_session_is_a_typed_not_found()
    {
        var error = Assert.ThrowsAsync<RelayHttpException>(
            () => new RelayHttpSessionHistory(cliHttp).FetchAfterAsync("no-such-session", 0, CancellationToken.None));

        Assert.That(error!.Kind, Is.EqualTo(RelayHttpErrorKind.NotFound));
        Assert.That(error.StatusCode, Is.EqualTo(404));
        Assert.That(error.RelayError, Is.EqualTo("session not found"));
    }

    [Test]
    public async Task Another_accounts_session_is_a_typed_not_found()
    {
        await StoreTextsAsync(1);
        var stranger = RelayHttpClient.ForMasterSecret(http, TestKeys.NewMasterSecret(), new RelayHttpClientOptions { BaseUri = relay.BaseUri }, TestLog.Logger);

        var error = Assert.ThrowsAsync<RelayHttpException>(
            () => new RelayHttpSessionHistory(stranger).FetchAfterAsync(sessionId, 0, CancellationToken.None));

        Assert.That(error!.Kind, Is.EqualTo(RelayHttpErrorKind.NotFound));
    }

    [Test]
    public async Task A_token_the_relay_no_longer_accepts_is_refreshed_once_and_the_fetch_succeeds()
    {
        await StoreTextsAsync(2);
        var history = new RelayHttpSessionHistory(cliHttp);
        Assert.That(cliHttp.LoginCount, Is.EqualTo(1));

        await phone.Socket.DisconnectAsync();
        await relay.RestartAsync(newTokenKey: TestKeys.NewMasterSecret()); // tokens signed before are now invalid
        var fetched = await history.FetchAfterAsync(sessionId, 0, CancellationToken.None);

        Assert.That(fetched.Select(m => m.Seq), Is.EqualTo(new long[] { 1, 2 }));
        Assert.That(cliHttp.LoginCount, Is.EqualTo(2), "one 401, one login, one retry");
    }

    [Test]
    public async Task A_relay_that_is_down_is_a_typed_unreachable()
    {
        await phone.Socket.DisconnectAsync();
        await relay.StopAsync();

        var error = Assert.ThrowsAsync<RelayHttpException>(
            () => new RelayHttpSessionHistory(cliHttp).FetchAfterAsync(sessionId, 0, CancellationToken.None));

        Assert.That(error!.Kind, Is.EqualTo(RelayHttpErrorKind.Unreachable));
    }

    [TestCase(0)]
    [TestCase(501)]
    public void A_page_size_the_relay_would_not_honour_is_refused(int pageSize)
    {
        Assert.That(() => new RelayHttpSessionHistory(cliHttp, pageSize), Throws.TypeOf<ArgumentOutOfRangeException>());
    }
}
