using System.Security.Cryptography;
using Delight.Protocol.Crypto;
using Delight.Protocol.Wire.Http;
using Delight.Runtime.Agents;
using Delight.Runtime.Mailbox;
using Delight.Runtime.Session;
using Delight.Transport.Http;
using Delight.Transport.SocketIo;
using Delight.Transport.Tests.Support;

namespace Delight.Transport.Tests.EndToEnd;

/// <summary>The CLI side on real transports: it logs in over HTTP, creates its terminal and a session whose fresh
/// DEK is wrapped for the account's content key, and runs the real <see cref="SessionRuntime"/> on a real
/// session-scoped socket with a fake agent engine, catching up from the relay's history after every connect.</summary>
public sealed class Cli : IAsyncDisposable
{
    private Cli(RelayHttpClient http, string sessionId, byte[] dataKey, SocketIoConnection socket, SessionRuntime runtime, RecordingEngineFactory engines)
    {
        Http = http;
        SessionId = sessionId;
        DataKey = dataKey;
        Socket = socket;
        Runtime = runtime;
        Engines = engines;
    }

    public RelayHttpClient Http { get; }

    public string SessionId { get; }

    public byte[] DataKey { get; }

    public SocketIoConnection Socket { get; }

    public SessionRuntime Runtime { get; }

    public RecordingEngineFactory Engines { get; }

    public RecordingEngine Engine => Engines.Engine;

    /// <summary>Starts the CLI. Its catch-up reads the relay's history through <see cref="RelayHttpSessionHistory"/>
    /// unless <paramref name="history"/> wraps or replaces it (a test that wants the fetch to fail first).</summary>
    public static async Task<Cli> StartAsync(
        Uri relay, HttpClient httpClient, byte[] masterSecret, string terminalId = "t-1", Func<RelayHttpClient, ISessionHistory>? history = null)
    {
        var http = RelayHttpClient.ForMasterSecret(httpClient, masterSecret, new RelayHttpClientOptions { BaseUri = relay }, TestLog.Logger);
        var (sessionId, dataKey) = await CreateSessionAsync(http, masterSecret, terminalId);

        var socket = new SocketIoConnection(
            new SocketIoConnectionOptions
            {
                ServerUri = relay,
                Scope = SocketScope.SessionScoped(sessionId),
                ReconnectDelay = TimeSpan.FromMilliseconds(200),
                ReconnectDelayMax = TimeSpan.FromSeconds(1),
            },
            http,
            TestLog.Logger);
        var engines = new RecordingEngineFactory();
        var world = new SessionWorld(
            TimeProvider.System, ChannelMailboxFactory.Instance, socket, engines, new SequentialIdSource("cli-"), SystemRandomSource.Instance, NullDesktopConsole.Instance)
        {
            History = history is null ? new RelayHttpSessionHistory(http) : history(http),
        };
        var runtime = new SessionRuntime(world, SessionState.Initial(SessionSettings.Create(sessionId, "fake", "/work")), dataKey);
        var cli = new Cli(http, sessionId, dataKey, socket, runtime, engines);
        await runtime.StartAsync();
        // The phone drives the session: remote mode, so its messages go straight to the engine.
        var reply = await runtime.SwitchModeAsync(AgentMode.Remote).WaitAsync(TimeSpan.FromSeconds(15));
        if (reply is not ReplyMode { Mode: AgentMode.Remote })
        {
            throw new InvalidOperationException("the CLI could not start in remote mode: " + reply);
        }

        return cli;
    }

    /// <summary>Creates the CLI's terminal and a session whose fresh DEK is wrapped for the account's content key;
    /// returns the session id and the DEK.</summary>
    public static async Task<(string SessionId, byte[] DataKey)> CreateSessionAsync(RelayHttpClient http, byte[] masterSecret, string terminalId = "t-1")
    {
        await http.CreateTerminalAsync(new CreateTerminalRequest { Id = terminalId, Metadata = "bWV0YQ==" });
        var dataKey = RandomNumberGenerator.GetBytes(32);
        var wrapped = WrappedDataKey.Wrap(dataKey, ContentKeyPair.FromMasterSecret(masterSecret).PublicKey, SystemRandomSource.Instance);
        var session = await http.CreateSessionAsync(new CreateSessionRequest
        {
            Tag = terminalId + ":fake",
            TerminalId = terminalId,
            Metadata = "eyJwYXRoIjoiL3dvcmsifQ==",
            DataEncryptionKey = wrapped,
        });
        return (session.Id.Value!, dataKey);
    }

    public async ValueTask DisposeAsync()
    {
        await Runtime.StopAsync().WaitAsync(TimeSpan.FromSeconds(15));
        await Socket.DisposeAsync();
    }
}
