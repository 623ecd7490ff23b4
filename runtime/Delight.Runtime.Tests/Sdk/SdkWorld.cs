using System.Text;
using System.Text.Json;
using Delight.Protocol.Crypto;
using Delight.Runtime.Mailbox;
using Delight.Runtime.Relay.Connections;
using Delight.Runtime.Relay.Http;
using Delight.Runtime.Sdk;
using Delight.Runtime.Tests.Relay;

namespace Delight.Runtime.Tests.Sdk;

/// <summary>A relay, N sessions with known (fake) data keys, a CLI socket per session, and one SDK client.</summary>
public sealed class SdkWorld : IAsyncDisposable
{
    /// <summary>Fake test master key.</summary>
    public static readonly byte[] MasterKey = new byte[32];

    private int _localIds;

    private SdkWorld(RelayHarness relay, RecordingListener listener, Func<HttpMessageHandler, TimeProvider, HttpMessageHandler>? wrapHttp)
    {
        Relay = relay;
        Listener = listener;
        Crypto = ProtocolSdkCrypto.System;
        HttpMessageHandler handler = new RelayHttpHandler(relay.Api);
        Http = new HttpClient(wrapHttp is null ? handler : wrapHttp(handler, relay.Time)) { BaseAddress = new Uri("http://relay.test") };
        Client = new DelightClient(
            new SdkOptions(Http, token => new InProcessSocket(relay.Server, HandshakeAuth.User(token), relay.Time), Crypto, relay.Time,
                ChannelMailboxFactory.Instance, () => "L" + Interlocked.Increment(ref _localIds)),
            listener);
    }

    public RelayHarness Relay { get; }

    public RecordingListener Listener { get; }

    public ProtocolSdkCrypto Crypto { get; }

    public HttpClient Http { get; }

    public DelightClient Client { get; }

    public List<string> Sessions { get; } = [];

    public Dictionary<string, byte[]> Keys { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, InProcessSocket> Cli { get; } = new(StringComparer.Ordinal);

    /// <param name="sessions">How many sessions the relay holds.</param>
    /// <param name="wrapHttp">Wraps the phone's HTTP handler (to inject faults); gets the relay's clock.</param>
    /// <param name="listAfterConnect">Whether to list the sessions explicitly once connected (besides the SDK's own
    /// background list on connect).</param>
    public static async Task<SdkWorld> CreateAsync(int sessions = 1, Func<HttpMessageHandler, TimeProvider, HttpMessageHandler>? wrapHttp = null, bool listAfterConnect = true)
    {
        var world = new SdkWorld(new RelayHarness(), new RecordingListener(), wrapHttp);
        for (var i = 0; i < sessions; i++)
        {
            var key = Enumerable.Range(i * 7, 32).Select(b => (byte)b).ToArray(); // fake test keys
            await world.Relay.HttpAsync(new CreateTerminalRequest("term-" + i, "bWV0YQ=="));
            // The DEK goes up wrapped to the content key of the (fake, all-zero) master key, as the CLI does.
            var wrapped = WrappedDataKey.Wrap(key, ContentKeyPair.FromMasterSecret(MasterKey).PublicKey, SystemRandomSource.Instance);
            var created = (SessionBody)(await world.Relay.HttpAsync(new CreateSessionRequest("term-" + i + ":fake", "term-" + i, "bWV0YQ==", "{\"controlledByUser\":false}", wrapped))).Body;
            var sid = created.Session.Id;
            world.Sessions.Add(sid);
            world.Keys[sid] = key;
            var cli = new InProcessSocket(world.Relay.Server, HandshakeAuth.Session(world.Relay.Token(), sid), world.Relay.Time);
            cli.SetHandler(new NullSocketHandler());
            await cli.ConnectAsync();
            world.Cli[sid] = cli;
        }

        await world.Client.SetTokenAsync(world.Relay.Token());
        await world.Client.SetMasterKeyAsync(MasterKey);
        if (!await world.Client.ConnectAsync())
        {
            throw new InvalidOperationException("the client did not connect");
        }

        if (listAfterConnect)
        {
            await world.Client.ListSessionsAsync();
        }

        return world;
    }

    /// <summary>The CLI sends an agent output record for a session.</summary>
    public Task CliSaysAsync(string sid, string text) =>
        Cli[sid].EmitAsync("message", JsonSerializer.Serialize(new { sid, message = Crypto.Encrypt(Keys[sid], Encoding.UTF8.GetBytes("{\"role\":\"agent\",\"text\":\"" + text + "\"}")) }));

    public Task CliAliveAsync(string sid, bool working) =>
        Cli[sid].EmitAsync("session-alive", JsonSerializer.Serialize(new { sid, time = Relay.NowMs, working }));

    /// <summary>The plaintexts the relay stored for a session, in seq order.</summary>
    public IReadOnlyList<string> StoredPlaintexts(string sid) =>
        [.. Relay.Server.GetAccount(RelayHarness.Account).State.Sessions[sid].Messages
            .Select(m => Encoding.UTF8.GetString(Crypto.Decrypt(Keys[sid], m.Ciphertext) ?? throw new InvalidOperationException("undecryptable")))];

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        foreach (var cli in Cli.Values)
        {
            await cli.DisposeAsync();
        }

        Http.Dispose();
        await Relay.DisposeAsync();
    }
}
