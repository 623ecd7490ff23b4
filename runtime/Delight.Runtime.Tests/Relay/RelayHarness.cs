using System.Text.Json;
using Delight.Runtime.Mailbox;
using Delight.Runtime.Relay;
using Delight.Runtime.Relay.Auth;
using Delight.Runtime.Relay.Connections;
using Delight.Runtime.Relay.Http;
using Delight.Runtime.Relay.Storage;

namespace Delight.Runtime.Tests.Relay;

/// <summary>An in-process relay with a manual clock, a fake token key and helpers to open connections.</summary>
public sealed class RelayHarness : IAsyncDisposable
{
    public const string Account = "acct-1";

    // Clearly fake test key.
    private static readonly byte[] TestTokenKey = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    private int _nextConnection;

    public RelayHarness(IMailboxFactory? mailboxes = null, int inboxCapacity = 256)
    {
        Time = new ManualTimeProvider();
        Store = new InMemoryRelayStore();
        Tokens = new HmacTokenService(TestTokenKey, Time);
        Server = new RelayServer(new RelayOptions(Time, mailboxes ?? ChannelMailboxFactory.Instance, new SequentialIdSource("c"), Tokens,
            new TestChallengeVerifier(), new CountingRandom(), Store) { AccountInboxCapacity = inboxCapacity });
        Api = new RelayHttpApi(Server);
    }

    public ManualTimeProvider Time { get; }

    public InMemoryRelayStore Store { get; }

    public HmacTokenService Tokens { get; }

    public RelayServer Server { get; }

    public RelayHttpApi Api { get; }

    public string Token(string account = Account) => Tokens.Issue(account);

    public long NowMs => Time.GetUtcNow().ToUnixTimeMilliseconds();

    public async Task<FakeRelayConnection> ConnectAsync(HandshakeAuth auth)
    {
        var connection = new FakeRelayConnection("sock-" + Interlocked.Increment(ref _nextConnection), auth);
        var outcome = await Server.OnConnectedAsync(connection);
        if (!outcome.Accepted)
        {
            throw new InvalidOperationException("refused: " + outcome.Reason);
        }

        return connection;
    }

    public Task<FakeRelayConnection> UserAsync(string account = Account) => ConnectAsync(HandshakeAuth.User(Token(account)));

    public Task<FakeRelayConnection> SessionSocketAsync(string sessionId, string account = Account) =>
        ConnectAsync(HandshakeAuth.Session(Token(account), sessionId));

    public Task<FakeRelayConnection> TerminalSocketAsync(string terminalId, string account = Account) =>
        ConnectAsync(HandshakeAuth.Terminal(Token(account), terminalId));

    public async Task<RelayHttpResponse> HttpAsync(AccountHttpRequest request, string account = Account) =>
        await Api.SendAsync(Token(account), request);

    /// <summary>Creates a terminal and a session over the API and returns the session id.</summary>
    public async Task<string> CreateSessionAsync(string terminalId = "term-1", string tag = "term-1:claude", string account = Account)
    {
        await HttpAsync(new CreateTerminalRequest(terminalId, "bWV0YQ=="), account);
        var response = await HttpAsync(new CreateSessionRequest(tag, terminalId, "eyJwYXRoIjoiLyJ9", null, Convert.ToBase64String(new byte[32])), account);
        return ((SessionBody)response.Body).Session.Id;
    }

    public Task<RelayEventOutcome> EmitAsync(FakeRelayConnection connection, string eventName, object payload, Func<string, Task>? ack = null) =>
        Server.OnEventAsync(connection, eventName, payload as string ?? JsonSerializer.Serialize(payload), ack);

    /// <summary>Emits with an ack and returns the ack payload.</summary>
    public async Task<JsonElement> EmitWithAckAsync(FakeRelayConnection connection, string eventName, object payload)
    {
        var ack = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await EmitAsync(connection, eventName, payload, json =>
        {
            ack.TrySetResult(json);
            return Task.CompletedTask;
        });
        var text = await ack.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Every event posted so far has been reduced and its effects handed to the outboxes: an HTTP round
    /// trip through the same inbox and effects runner proves it; then outbox workers get a moment to deliver.</summary>
    public async Task SettleAsync(string account = Account)
    {
        await HttpAsync(new ListTerminalsRequest(), account);
    }

    public static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        // Generous: the shared build machine can be very loaded; a correct run returns as soon as the condition holds.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(5);
        }

        NUnit.Framework.Assert.That(condition(), NUnit.Framework.Is.True, "timed out waiting for: " + what);
    }

    /// <summary>Timers waiting on the manual clock (ack timeouts).</summary>
    public int PendingTimers() => Time.ActiveTimers;

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
