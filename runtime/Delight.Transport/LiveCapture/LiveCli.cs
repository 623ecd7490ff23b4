using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Delight.Protocol.Crypto;
using Delight.Protocol.Wire.Http;
using Delight.Runtime.Capture;
using Delight.Runtime.Session;
using Delight.Transport.Http;
using Delight.Transport.SocketIo;

namespace Delight.Transport.LiveCapture;

/// <summary>
/// The CLI side of a live recording, as `delight` runs it after pairing: it logs in with the master secret, creates
/// its terminal and a session whose fresh DEK is wrapped for the account's content key, and runs our real
/// <see cref="SessionRuntime"/> (channel mailboxes, the system clock, a session-scoped Socket.IO connection) with
/// the chosen engine and a <see cref="CaptureRecorder"/> as the loop's observer.
/// </summary>
internal sealed class LiveCli : IAsyncDisposable
{
    private LiveCli(RelayHttpClient http, string sessionId, byte[] dataKey, SocketIoConnection socket, SessionRuntime runtime, CaptureRecorder recorder)
    {
        Http = http;
        SessionId = sessionId;
        DataKey = dataKey;
        Socket = socket;
        Runtime = runtime;
        Recorder = recorder;
    }

    public RelayHttpClient Http { get; }

    public string SessionId { get; }

    public byte[] DataKey { get; }

    public SocketIoConnection Socket { get; }

    public SessionRuntime Runtime { get; }

    public CaptureRecorder Recorder { get; }

    public static async Task<LiveCli> StartAsync(LiveCaptureOptions options, HttpClient httpClient, byte[] masterSecret, string producer, CancellationToken cancellationToken)
    {
        var http = RelayHttpClient.ForMasterSecret(httpClient, masterSecret, new RelayHttpClientOptions { BaseUri = options.Server }, options.Logger);
        await http.AuthenticateAsync(cancellationToken);
        var terminalId = "delight-sim-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        await http.CreateTerminalAsync(new CreateTerminalRequest { Id = terminalId, Metadata = TerminalMetadata(masterSecret) }, cancellationToken);
        var dataKey = RandomNumberGenerator.GetBytes(32);
        var wrapped = WrappedDataKey.Wrap(dataKey, ContentKeyPair.FromMasterSecret(masterSecret).PublicKey, SystemRandomSource.Instance);
        var session = await http.CreateSessionAsync(
            new CreateSessionRequest
            {
                Tag = terminalId + ":" + options.AgentType,
                TerminalId = terminalId,
                Metadata = SessionMetadata(options, terminalId),
                DataEncryptionKey = wrapped,
            },
            cancellationToken);
        var sessionId = session.Id.Value ?? throw new LiveCaptureException("the relay created a session without an id");

        var socket = new SocketIoConnection(
            new SocketIoConnectionOptions
            {
                ServerUri = options.Server,
                Scope = SocketScope.SessionScoped(sessionId),
                ConnectTimeout = options.StepTimeout,
                ReconnectDelay = TimeSpan.FromMilliseconds(500),
                ReconnectDelayMax = TimeSpan.FromSeconds(5),
            },
            http,
            options.Logger);
        var initial = new CaptureInitialState(SessionSettings.Create(sessionId, options.AgentType, options.WorkDirectory), AgentStateDoc.Create(options.AgentType), 0);
        var recorder = new CaptureRecorder(initial, TimeProvider.System, producer);
        var world = new SessionWorld(
            TimeProvider.System, options.Mailboxes, socket, options.Engines, new SequentialIdSource("cli-"), SystemRandomSource.Instance, NullDesktopConsole.Instance)
        { History = new RelayHttpSessionHistory(http) };
        var runtime = new SessionRuntime(world, initial.ToState(), dataKey, recorder);
        var cli = new LiveCli(http, sessionId, dataKey, socket, runtime, recorder);
        await runtime.StartAsync(cancellationToken);
        return cli;
    }

    /// <summary>PROTOCOL.md §6.8: base64 of an AES-GCM envelope keyed by the master secret.</summary>
    private static string TerminalMetadata(byte[] masterSecret)
    {
        var json = new JsonObject { ["host"] = "delight-sim", ["platform"] = Environment.OSVersion.Platform.ToString(), ["cliVersion"] = CaptureFormat.RuntimeVersion };
        using var cipher = new ContentCipher(masterSecret, SystemRandomSource.Instance);
        return cipher.EncryptToBase64(Encoding.UTF8.GetBytes(json.ToJsonString()));
    }

    /// <summary>PROTOCOL.md §6.7: base64 of plain JSON.</summary>
    private static string SessionMetadata(LiveCaptureOptions options, string terminalId)
    {
        var json = new JsonObject
        {
            ["path"] = options.WorkDirectory,
            ["host"] = "delight-sim",
            ["version"] = CaptureFormat.RuntimeVersion,
            ["terminalId"] = terminalId,
            ["flavor"] = options.AgentType,
        };
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json.ToJsonString()));
    }

    public async ValueTask DisposeAsync()
    {
        await Runtime.StopAsync();
        await Socket.DisposeAsync();
    }
}
