using Delight.Protocol.Crypto;
using Delight.Protocol.Wire.Http;
using Delight.Transport.Http;
using Delight.Transport.RelayFront;
using Delight.Transport.Tests.Support;

namespace Delight.Transport.Tests.Http;

/// <summary>The HTTP adapter against the real relay runtime behind the Node front (real HTTP on loopback).</summary>
[TestFixture]
[Category("Integration")]
[CancelAfter(60_000)]
public sealed class RelayHttpClientTests
{
    private LocalRelay relay = null!;
    private HttpClient http = null!;
    private byte[] masterSecret = null!;

    [SetUp]
    public async Task StartRelay()
    {
        relay = await LocalRelay.StartAsync(new LocalRelayOptions { Logger = TestLog.Logger });
        http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        masterSecret = TestKeys.NewMasterSecret();
    }

    [TearDown]
    public async Task StopRelay()
    {
        http.Dispose();
        await relay.DisposeAsync();
    }

    private RelayHttpClient Client(TimeProvider? time = null) =>
        RelayHttpClient.ForMasterSecret(http, masterSecret, new RelayHttpClientOptions { BaseUri = relay.BaseUri, TimeProvider = time ?? TimeProvider.System }, TestLog.Logger);

    private static string WrappedDek(byte[] masterSecret)
    {
        var content = ContentKeyPair.FromMasterSecret(masterSecret);
        return WrappedDataKey.Wrap(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), content.PublicKey, SystemRandomSource.Instance);
    }

    [Test]
    public async Task Challenge_and_response_get_a_token_the_relay_accepts()
    {
        var client = Client();

        var token = await client.AuthenticateAsync();
        var sessions = await client.ListSessionsAsync();

        Assert.That(JwtToken.ReadExpiry(token), Is.GreaterThan(DateTimeOffset.UtcNow.AddHours(23)));
        Assert.That(sessions, Is.Empty);
        Assert.That(client.LoginCount, Is.EqualTo(1), "a fresh token is reused, not refreshed");
    }

    [Test]
    public async Task Phone_and_cli_with_the_same_master_secret_share_the_account()
    {
        var cli = Client();
        var phone = Client();
        await cli.CreateTerminalAsync(new CreateTerminalRequest { Id = "t-1", Metadata = "bWV0YQ==" });

        var terminals = await phone.ListTerminalsAsync();

        Assert.That(terminals.Select(t => t.Id.Value), Is.EqualTo(new[] { "t-1" }));
    }

    [Test]
    public async Task A_session_is_created_with_a_wrapped_dek_and_read_back_unchanged()
    {
        var client = Client();
        await client.CreateTerminalAsync(new CreateTerminalRequest { Id = "t-1", Metadata = "bWV0YQ==" });
        var dek = WrappedDek(masterSecret);

        var created = await client.CreateSessionAsync(new CreateSessionRequest
        {
            Tag = "t-1:fake", TerminalId = "t-1", Metadata = "eyJwYXRoIjoiLyJ9", DataEncryptionKey = dek,
        });
        var fetched = await client.GetSessionAsync(created.Id.Value!);

        Assert.That(fetched.DataEncryptionKey.Value, Is.EqualTo(dek));
        Assert.That(fetched.TerminalId.Value, Is.EqualTo("t-1"));
        var messages = await client.GetMessagesAsync(created.Id.Value!);
        Assert.That(messages.Messages.Value, Is.Empty);
    }

    [Test]
    public async Task A_401_logs_in_again_once_and_retries()
    {
        var client = Client();
        await client.AuthenticateAsync();
        var oldToken = client.CurrentToken;

        // A relay restarted with a new signing key no longer accepts the old token.
        await relay.RestartAsync(newTokenKey: System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var sessions = await client.ListSessionsAsync();

        Assert.That(sessions, Is.Empty);
        Assert.That(client.LoginCount, Is.EqualTo(2));
        Assert.That(client.CurrentToken, Is.Not.EqualTo(oldToken));
    }

    [Test]
    public async Task The_token_is_refreshed_when_fewer_than_ten_minutes_remain()
    {
        var clock = new ShiftedTimeProvider();
        var client = Client(clock);
        await client.ListSessionsAsync();
        Assert.That(client.LoginCount, Is.EqualTo(1));

        clock.Offset = TimeSpan.FromHours(23) + TimeSpan.FromMinutes(51); // 9 minutes left on a 24 h token
        await client.ListSessionsAsync();

        Assert.That(client.LoginCount, Is.EqualTo(2));
    }

    [Test]
    public async Task Unknown_session_is_a_typed_not_found()
    {
        var client = Client();

        var error = Assert.ThrowsAsync<RelayHttpException>(() => client.GetSessionAsync("no-such-session"));

        Assert.That(error!.Kind, Is.EqualTo(RelayHttpErrorKind.NotFound));
        Assert.That(error.StatusCode, Is.EqualTo(404));
        Assert.That(error.RelayError, Is.EqualTo("session not found"));
    }

    [Test]
    public async Task A_new_session_without_a_dek_is_a_typed_bad_request()
    {
        var client = Client();
        await client.CreateTerminalAsync(new CreateTerminalRequest { Id = "t-1", Metadata = "bWV0YQ==" });

        var error = Assert.ThrowsAsync<RelayHttpException>(() => client.CreateSessionAsync(new CreateSessionRequest
        {
            Tag = "t-1:fake", TerminalId = "t-1", Metadata = "eyJwYXRoIjoiLyJ9",
        }));

        Assert.That(error!.Kind, Is.EqualTo(RelayHttpErrorKind.BadRequest));
        Assert.That(error.RelayError, Is.EqualTo("dataEncryptionKey is required"));
    }

    [Test]
    public async Task An_unreachable_relay_is_a_typed_error()
    {
        var client = Client();
        await relay.StopAsync();

        var error = Assert.ThrowsAsync<RelayHttpException>(() => client.AuthenticateAsync());

        Assert.That(error!.Kind, Is.EqualTo(RelayHttpErrorKind.Unreachable));
        Assert.That(error.StatusCode, Is.Zero);
    }
}
