using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Delight.Protocol.Crypto;
using Delight.Runtime.Sdk;
using Delight.Transport.SocketIo;

namespace Delight.Transport.LiveCapture;

/// <summary>The phone side of a live recording: our SDK (<see cref="DelightClient"/>) on real HTTP and a user-scoped
/// socket, logged in to the same account with the master secret, as the app is after pairing.</summary>
internal sealed class LivePhone : ISdkListener, IAsyncDisposable
{
    private readonly HttpClient _http;
    private long _nextLocalId;

    private LivePhone(LiveCaptureOptions options)
    {
        _http = new HttpClient { BaseAddress = options.Server, Timeout = options.StepTimeout };
        var server = options.Server;
        var logger = options.Logger;
        Client = new DelightClient(
            new SdkOptions(
                _http,
                token => new SocketIoConnection(
                    new SocketIoConnectionOptions
                    {
                        ServerUri = server,
                        Scope = SocketScope.UserScoped(),
                        ConnectTimeout = options.StepTimeout,
                        ReconnectDelay = TimeSpan.FromMilliseconds(500),
                        ReconnectDelayMax = TimeSpan.FromSeconds(5),
                    },
                    new FixedSocketTokenSource(token),
                    logger),
                ProtocolSdkCrypto.System,
                TimeProvider.System,
                options.Mailboxes,
                () => "phone-" + Interlocked.Increment(ref _nextLocalId).ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                ConnectTimeout = options.StepTimeout,
            },
            this);
    }

    public DelightClient Client { get; }

    public ConcurrentQueue<SdkEphemeral> Ephemerals { get; } = new();

    public ConcurrentQueue<string> Errors { get; } = new();

    /// <summary>The relay's token the phone logged in with (kept only so a test can check no capture contains it).</summary>
    public string? Token { get; private set; }

    public static async Task<LivePhone> ConnectAsync(LiveCaptureOptions options, byte[] masterSecret)
    {
        var phone = new LivePhone(options);
        try
        {
            var account = Ed25519KeyPair.ForAccount(masterSecret);
            var login = await phone.Client.AuthenticateAsync(account.PublicKeyBase64, challenge => account.Sign(challenge));
            if (!login.Ok)
            {
                throw new LiveCaptureException($"the phone could not log in: {login.Error} (HTTP {login.StatusCode})");
            }

            phone.Token = login.Value;
            await phone.Client.SetMasterKeyAsync(masterSecret);
            if (!await phone.Client.ConnectAsync())
            {
                throw new LiveCaptureException("the phone's socket did not connect to the relay");
            }

            var sessions = await phone.Client.ListSessionsAsync();
            if (!sessions.Ok)
            {
                throw new LiveCaptureException($"the phone could not list the sessions: {sessions.Error}");
            }

            return phone;
        }
        catch
        {
            await phone.DisposeAsync();
            throw;
        }
    }

    /// <summary>Agent records applied (decrypted, in seq order) in the phone's view of the session.</summary>
    public int AgentRecordsApplied(string sessionId) => Client.GetAppliedMessages(sessionId).Count(m => RoleOf(m.PlaintextJson) == "agent");

    public int EphemeralsOfType(string type) => Ephemerals.Count(e => e.Type == type);

    private static string? RoleOf(string json)
    {
        try
        {
            return JsonNode.Parse(json) is JsonObject record && record["role"] is JsonValue role && role.TryGetValue<string>(out var text) ? text : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void OnConnected()
    {
    }

    public void OnDisconnected(string reason)
    {
    }

    public void OnUpdate(SdkUpdate update)
    {
    }

    public void OnEphemeral(SdkEphemeral ephemeral) => Ephemerals.Enqueue(ephemeral);

    public void OnError(string message) => Errors.Enqueue(message);

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        _http.Dispose();
    }
}
