using System.Text.Json.Nodes;
using Delight.Protocol.Crypto;
using Delight.Runtime.Agents;
using Delight.Runtime.Mailbox;
using Delight.Runtime.Sdk;
using Delight.Transport.RelayFront;
using Delight.Transport.SocketIo;
using Delight.Transport.Tests.Support;

namespace Delight.Transport.Tests.EndToEnd;

/// <summary>
/// The same flows with the phone as the app runs it: the SDK facade (<see cref="DelightClient"/>) on the real
/// Socket.IO adapter and real HTTP, against the CLI session runtime through the real relay.
/// </summary>
[TestFixture]
[Category("Integration")]
[CancelAfter(90_000)]
public sealed class SdkPhoneEndToEndTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private LocalRelay relay = null!;
    private HttpClient cliHttp = null!;
    private HttpClient sdkHttp = null!;
    private Cli cli = null!;
    private DelightClient sdk = null!;
    private SdkListenerRecorder listener = null!;

    [SetUp]
    public async Task StartBothSides()
    {
        relay = await LocalRelay.StartAsync(new LocalRelayOptions { Logger = TestLog.Logger });
        cliHttp = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        sdkHttp = new HttpClient { BaseAddress = relay.BaseUri, Timeout = TimeSpan.FromSeconds(20) };
        var masterSecret = TestKeys.NewMasterSecret();
        cli = await Cli.StartAsync(relay.BaseUri, cliHttp, masterSecret);

        listener = new SdkListenerRecorder();
        var relayUri = relay.BaseUri;
        sdk = new DelightClient(
            new SdkOptions(
                sdkHttp,
                token => new SocketIoConnection(
                    new SocketIoConnectionOptions { ServerUri = relayUri, Scope = SocketScope.UserScoped(), ReconnectDelay = TimeSpan.FromMilliseconds(200) },
                    new FixedSocketTokenSource(token),
                    TestLog.Logger),
                Delight.Runtime.Sdk.ProtocolSdkCrypto.System,
                TimeProvider.System,
                ChannelMailboxFactory.Instance,
                () => "sdk-" + Guid.NewGuid().ToString("N")),
            listener);
        var account = Ed25519KeyPair.ForAccount(masterSecret);
        var login = await sdk.AuthenticateAsync(account.PublicKeyBase64, challenge => account.Sign(challenge));
        Assert.That(login.Ok, Is.True, login.Error);
        await sdk.SetMasterKeyAsync(masterSecret);
        Assert.That(await sdk.ConnectAsync(), Is.True);
        var sessions = await sdk.ListSessionsAsync();
        Assert.That(sessions.Ok, Is.True, sessions.Error);
        await ScriptedRelayBackend.WaitUntilAsync(
            () => sdk.CallRpcAsync(cli.SessionId + ":agent-capabilities", "{}").Result.Ok,
            "the CLI's RPC methods to be registered", Wait);
    }

    [TearDown]
    public async Task StopAll()
    {
        await sdk.DisposeAsync();
        await cli.DisposeAsync();
        cliHttp.Dispose();
        sdkHttp.Dispose();
        await relay.DisposeAsync();
    }

    [Test]
    public async Task Two_sdk_messages_sent_back_to_back_reach_the_engine_in_order()
    {
        var first = await sdk.SendMessageAsync(cli.SessionId, "first", bypassGate: true);
        var second = await sdk.SendMessageAsync(cli.SessionId, "second", bypassGate: true);

        Assert.That(first.Sent && second.Sent, Is.True, $"{first.Refusal} {second.Refusal}");
        await ScriptedRelayBackend.WaitUntilAsync(() => cli.Engine.Sends.Count >= 2, "both messages at the engine", Wait);
        Assert.That(cli.Engine.Sends, Is.EqualTo(new[] { "first", "second" }));
    }

    [Test]
    public async Task Agent_output_is_applied_decrypted_in_the_sdk()
    {
        const string record = """{"role":"agent","content":{"type":"output","data":{"type":"assistant","text":"hi phone"}}}""";

        await cli.Engine.ReportOutputAsync("out-1", record);

        await ScriptedRelayBackend.WaitUntilAsync(() => !sdk.GetAppliedMessages(cli.SessionId).IsEmpty, "the output applied in the SDK", Wait);
        var applied = sdk.GetAppliedMessages(cli.SessionId).Single();
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(applied.PlaintextJson), JsonNode.Parse(record)), Is.True, applied.PlaintextJson);
        Assert.That(applied.Seq, Is.EqualTo(1));
    }

    [Test]
    public async Task A_permission_request_reaches_the_sdk_and_its_answer_reaches_the_engine()
    {
        var spec = cli.Engine.LastStart!;
        var decision = cli.Engine.Host.AwaitPermissionAsync(
            new PermissionAsk(spec.Generation, "req-7", "Edit", """{"file":"a.txt"}"""), CancellationToken.None);

        await ScriptedRelayBackend.WaitUntilAsync(() => listener.Ephemerals.Any(e => e.Type == "permission-request"), "the permission ephemeral", Wait);
        var answer = await sdk.AnswerPermissionAsync(cli.SessionId, "req-7", allow: false, message: "not now");
        var result = await decision.WaitAsync(Wait);

        Assert.That(answer.Ok, Is.True, answer.Error);
        Assert.That(result.Allow, Is.False);
        Assert.That(result.Message, Is.EqualTo("not now"));
    }

    [Test]
    public async Task A_mode_switch_from_the_sdk_reaches_the_cli()
    {
        var outcome = await sdk.SwitchModeAsync(cli.SessionId, "local");

        Assert.That(outcome.Ok, Is.True, outcome.Error);
        Assert.That(JsonNode.Parse(outcome.ResultJson!)!["mode"]!.GetValue<string>(), Is.EqualTo("local"));
        Assert.That(cli.Runtime.State.Mode, Is.EqualTo(AgentMode.Local));
    }
}
