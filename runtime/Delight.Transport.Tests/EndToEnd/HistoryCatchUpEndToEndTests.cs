using Delight.Runtime.Session;
using Delight.Transport.Http;
using Delight.Transport.RelayFront;
using Delight.Transport.Tests.Support;

namespace Delight.Transport.Tests.EndToEnd;

/// <summary>
/// The CLI's catch-up in production wiring: a phone text sent while the CLI's session socket was down is stored by
/// the relay but not delivered; after the reconnect the session fetches it through <see cref="RelayHttpSessionHistory"/>
/// and the agent gets it exactly once, in seq order with the live messages around it.
/// </summary>
[TestFixture]
[Category("Integration")]
[CancelAfter(90_000)]
public sealed class HistoryCatchUpEndToEndTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private LocalRelay relay = null!;
    private HttpClient http = null!;
    private FailingHistory history = null!;
    private Cli cli = null!;
    private Phone phone = null!;

    [SetUp]
    public async Task StartBothSides()
    {
        relay = await LocalRelay.StartAsync(new LocalRelayOptions { Logger = TestLog.Logger });
        http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        var masterSecret = TestKeys.NewMasterSecret();
        cli = await Cli.StartAsync(relay.BaseUri, http, masterSecret, history: client => history = new FailingHistory(new RelayHttpSessionHistory(client)));
        phone = new Phone(relay.BaseUri, http, masterSecret);
        await phone.OpenSessionAsync(cli.SessionId);
        await phone.ConnectAsync();
        await WaitUntilAsync(
            () => phone.RpcAsync(cli.SessionId, "agent-capabilities", "{}").Result["ok"]?.GetValue<bool>() == true,
            "the CLI's RPC methods to be registered");
    }

    [TearDown]
    public async Task StopAll()
    {
        await phone.DisposeAsync();
        await cli.DisposeAsync();
        http.Dispose();
        await relay.DisposeAsync();
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what) =>
        await ScriptedRelayBackend.WaitUntilAsync(condition, what, Wait);

    private async Task WaitForStoredAsync(long seq) =>
        await WaitUntilAsync(() => phone.Http.GetSessionAsync(cli.SessionId).Result.Seq.Value == seq, $"message {seq} stored by the relay");

    /// <summary>Drops the CLI's session socket and waits until the session saw it go.</summary>
    private async Task DisconnectCliAsync()
    {
        await cli.Socket.DisconnectAsync();
        await WaitUntilAsync(() => !cli.Runtime.State.Connection.SessionSocket, "the CLI to see its socket down");
    }

    /// <summary>Reconnects the CLI's socket and waits for the session's catch-up to finish.</summary>
    private async Task ReconnectCliAsync(long connectsBefore)
    {
        await cli.Socket.ConnectAsync();
        await WaitUntilAsync(
            () => cli.Runtime.State is { Connection.SessionSocket: true, Inbound.CatchingUp: false } state && state.Connection.SessionConnects > connectsBefore,
            "the CLI to reconnect and catch up");
    }

    [Test]
    public async Task A_text_sent_while_the_cli_socket_was_down_reaches_the_engine_exactly_once_after_the_reconnect()
    {
        await phone.SendTextAsync(cli.SessionId, "before", "p-1");
        await WaitUntilAsync(() => cli.Engine.Sends.Count == 1, "the live text at the engine");
        var connects = cli.Runtime.State.Connection.SessionConnects;

        await DisconnectCliAsync();
        await phone.SendTextAsync(cli.SessionId, "while down", "p-2");
        await WaitForStoredAsync(2);
        Assert.That(cli.Engine.Sends, Is.EqualTo(new[] { "before" }), "nothing can arrive live while the socket is down");

        await ReconnectCliAsync(connects);
        await WaitUntilAsync(() => cli.Engine.Sends.Count == 2, "the missed text at the engine");

        // A second drop and reconnect catches up again from seq 2: nothing may be taken in twice.
        connects = cli.Runtime.State.Connection.SessionConnects;
        await DisconnectCliAsync();
        await ReconnectCliAsync(connects);
        await phone.SendTextAsync(cli.SessionId, "after", "p-3");
        await WaitUntilAsync(() => cli.Engine.Sends.Count >= 3, "the next live text at the engine");

        Assert.That(cli.Engine.Sends, Is.EqualTo(new[] { "before", "while down", "after" }));
        Assert.That(cli.Runtime.State.Inbound.LastSeq, Is.EqualTo(3));
        Assert.That(history.Calls, Is.GreaterThanOrEqualTo(3), "one catch-up per connect");
    }

    [Test]
    public async Task A_failed_catch_up_is_retried_and_the_missed_text_still_arrives_once()
    {
        var connects = cli.Runtime.State.Connection.SessionConnects;
        await DisconnectCliAsync();
        await phone.SendTextAsync(cli.SessionId, "while down", "p-1");
        await WaitForStoredAsync(1);
        history.FailNext(1);

        await cli.Socket.ConnectAsync();
        await WaitUntilAsync(() => cli.Engine.Sends.Count == 1, "the missed text at the engine after the retry");
        await WaitUntilAsync(() => cli.Runtime.State.Connection.SessionConnects > connects, "the reconnect");
        await phone.SendTextAsync(cli.SessionId, "after", "p-2");
        await WaitUntilAsync(() => cli.Engine.Sends.Count >= 2, "the next live text at the engine");

        Assert.That(history.Failures, Is.EqualTo(1));
        Assert.That(cli.Engine.Sends, Is.EqualTo(new[] { "while down", "after" }));
    }

    /// <summary>The real history, made to fail its next calls with the relay's own typed error on request.</summary>
    private sealed class FailingHistory(ISessionHistory inner) : ISessionHistory
    {
        private readonly object gate = new();
        private int failNext;
        private int calls;
        private int failures;

        public int Calls
        {
            get
            {
                lock (gate)
                {
                    return calls;
                }
            }
        }

        public int Failures
        {
            get
            {
                lock (gate)
                {
                    return failures;
                }
            }
        }

        public void FailNext(int count)
        {
            lock (gate)
            {
                failNext = count;
            }
        }

        public Task<IReadOnlyList<StoredSessionMessage>> FetchAfterAsync(string sessionId, long afterSeq, CancellationToken cancellationToken)
        {
            lock (gate)
            {
                calls++;
                if (failNext > 0)
                {
                    failNext--;
                    failures++;
                    throw new RelayHttpException(RelayHttpErrorKind.ServerError, "GET", "/v1/sessions/" + sessionId + "/messages", 503, "scripted outage");
                }
            }

            return inner.FetchAfterAsync(sessionId, afterSeq, cancellationToken);
        }
    }
}
