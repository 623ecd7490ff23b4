using System.Text.Json.Nodes;
using Delight.Runtime.Agents;
using Delight.Runtime.Session;
using Delight.Transport.RelayFront;
using Delight.Transport.Tests.Support;

namespace Delight.Transport.Tests.EndToEnd;

/// <summary>
/// The CLI-side session runtime and a phone, each on real sockets and real HTTP to the real relay (the relay runtime
/// behind the socket.io 4.8 front) over loopback. Each flow is its own test.
/// </summary>
[TestFixture]
[Category("Integration")]
[CancelAfter(90_000)]
public sealed class EndToEndTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private LocalRelay relay = null!;
    private HttpClient http = null!;
    private byte[] masterSecret = null!;
    private Cli cli = null!;
    private Phone phone = null!;

    [SetUp]
    public async Task StartBothSides()
    {
        relay = await LocalRelay.StartAsync(new LocalRelayOptions { Logger = TestLog.Logger });
        http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        masterSecret = TestKeys.NewMasterSecret();
        cli = await Cli.StartAsync(relay.BaseUri, http, masterSecret);
        phone = new Phone(relay.BaseUri, http, masterSecret);
        await phone.OpenSessionAsync(cli.SessionId);
        await phone.ConnectAsync();
        await WaitForRpcAsync();
    }

    [TearDown]
    public async Task StopAll()
    {
        await phone.DisposeAsync();
        await cli.DisposeAsync();
        http.Dispose();
        await relay.DisposeAsync();
    }

    /// <summary>The CLI registers its RPC methods once its socket is up; poll a harmless one until it answers.</summary>
    private async Task WaitForRpcAsync()
    {
        await ScriptedRelayBackend.WaitUntilAsync(
            () => phone.RpcAsync(cli.SessionId, "agent-capabilities", "{}").Result["ok"]?.GetValue<bool>() == true,
            "the CLI's RPC methods to be registered", Wait);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what) =>
        await ScriptedRelayBackend.WaitUntilAsync(condition, what, Wait);

    [Test]
    public async Task Challenge_login_and_a_session_created_with_a_wrapped_dek_the_phone_can_unwrap()
    {
        Assert.That(phone.DataKey, Is.EqualTo(cli.DataKey), "the phone unwrapped the CLI's DEK with the shared master secret");
        Assert.That(cli.Http.LoginCount, Is.EqualTo(1));
        Assert.That(phone.Http.LoginCount, Is.EqualTo(1));
        var sessions = await phone.Http.ListSessionsAsync();
        Assert.That(sessions.Select(s => s.Id.Value), Does.Contain(cli.SessionId));
        Assert.That(cli.Socket.IsConnected, Is.True);
    }

    [Test]
    public async Task Two_phone_messages_sent_back_to_back_reach_the_engine_in_order()
    {
        await phone.SendTextAsync(cli.SessionId, "first", "p-1");
        await phone.SendTextAsync(cli.SessionId, "second", "p-2");

        await WaitUntilAsync(() => cli.Engine.Sends.Count >= 2, "both messages at the engine");
        Assert.That(cli.Engine.Sends, Is.EqualTo(new[] { "first", "second" }));
        var stored = await phone.Http.GetMessagesAsync(cli.SessionId);
        Assert.That(stored.Messages.Value.Select(m => m.Seq.Value), Is.EqualTo(new long[] { 1, 2 }));
    }

    [Test]
    public async Task Agent_output_reaches_the_phone_decrypted()
    {
        const string record = """{"role":"agent","content":{"type":"output","data":{"type":"assistant","message":{"role":"assistant","content":[{"type":"text","text":"hello from the agent"}]}}}}""";

        await cli.Engine.ReportOutputAsync("out-1", record);
        var plaintext = await phone.NextMessageAsync(cli.SessionId);

        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(plaintext), JsonNode.Parse(record)), Is.True, plaintext);
    }

    [Test]
    public async Task A_permission_request_is_answered_by_the_phone_and_reaches_the_engine()
    {
        var spec = cli.Engine.LastStart!;
        var decision = cli.Engine.Host.AwaitPermissionAsync(
            new PermissionAsk(spec.Generation, "req-1", "Bash", """{"command":"ls"}"""), CancellationToken.None);

        var ephemeral = await phone.Handler.NextAsync<SocketReport.Event>(e =>
            e.Name == "ephemeral" && JsonNode.Parse(e.PayloadJson)?["type"]?.GetValue<string>() == "permission-request");
        var request = JsonNode.Parse(ephemeral.PayloadJson)!;
        Assert.That(request["requestId"]!.GetValue<string>(), Is.EqualTo("req-1"));
        Assert.That(request["toolName"]!.GetValue<string>(), Is.EqualTo("Bash"));

        var ack = await phone.RpcAsync(cli.SessionId, "permission", """{"requestId":"req-1","allow":true,"message":""}""");
        var result = await decision.WaitAsync(Wait);

        Assert.That(ack["ok"]!.GetValue<bool>(), Is.True, ack.ToJsonString());
        Assert.That(ack["result"]!["success"]!.GetValue<bool>(), Is.True, ack.ToJsonString());
        Assert.That(result.Allow, Is.True);
    }

    [Test]
    public async Task A_mode_switch_from_the_phone_moves_the_session_to_local()
    {
        var ack = await phone.RpcAsync(cli.SessionId, "switch", """{"mode":"local"}""");

        Assert.That(ack["ok"]!.GetValue<bool>(), Is.True, ack.ToJsonString());
        Assert.That(ack["result"]!["mode"]!.GetValue<string>(), Is.EqualTo("local"));
        Assert.That(cli.Runtime.State.Mode, Is.EqualTo(AgentMode.Local));
        Assert.That(cli.Engine.LastStart!.Mode, Is.EqualTo(AgentMode.Local));

        var back = await phone.RpcAsync(cli.SessionId, "switch", """{"mode":"remote"}""");
        Assert.That(back["result"]!["mode"]!.GetValue<string>(), Is.EqualTo("remote"));
    }

    [Test]
    public async Task An_agent_state_version_conflict_is_adopted_and_retried()
    {
        await WaitUntilAsync(() => cli.Runtime.State.AgentStateVersion >= 1, "the CLI's first persist");
        var before = await phone.Http.GetSessionAsync(cli.SessionId);
        var version = before.AgentStateVersion.Value;

        // Another writer moves the relay's version on, so the CLI's next write carries a stale expectedVersion.
        var ack = await phone.Socket.EmitWithAckAsync(
            "update-state",
            System.Text.Json.JsonSerializer.Serialize(new { sid = cli.SessionId, agentState = before.AgentState.Value, expectedVersion = version }),
            TimeSpan.FromSeconds(10));
        Assert.That(JsonNode.Parse(ack)!["result"]!.GetValue<string>(), Is.EqualTo("success"), ack);

        var reply = await cli.Runtime.SetAgentConfigAsync("fake-2", null, null).WaitAsync(Wait);

        Assert.That(reply, Is.InstanceOf<ReplyAgentState>(), reply.ToString());
        var after = await phone.Http.GetSessionAsync(cli.SessionId);
        Assert.That(after.AgentStateVersion.Value, Is.EqualTo(version + 2), "the other write, then the CLI's retried write");
        Assert.That(JsonNode.Parse(after.AgentState.Value!)!["model"]?.GetValue<string>(), Is.EqualTo("fake-2"));
        Assert.That(cli.Runtime.State.AgentStateVersion, Is.EqualTo(version + 2));
    }

    [Test]
    public async Task After_a_relay_restart_both_sides_recover_and_nothing_is_lost()
    {
        await phone.SendTextAsync(cli.SessionId, "before restart", "p-1");
        await WaitUntilAsync(() => cli.Engine.Sends.Count == 1, "the first message at the engine");

        await relay.StopAsync();
        // Output while the relay is down waits in the CLI's socket and is sent after the reconnect.
        await cli.Engine.ReportOutputAsync("out-1", """{"role":"agent","content":{"type":"output","data":{"type":"assistant","text":"while down"}}}""");
        await relay.StartAsync();

        await phone.Handler.NextAsync<SocketReport.Connected>(c => c.Number == 2, Wait);
        await WaitForRpcAsync();
        await phone.SendTextAsync(cli.SessionId, "after restart", "p-2");
        await WaitUntilAsync(() => cli.Engine.Sends.Count == 2, "the second message at the engine");
        Assert.That(cli.Engine.Sends, Is.EqualTo(new[] { "before restart", "after restart" }));

        await WaitUntilAsync(
            () => phone.Http.GetMessagesAsync(cli.SessionId).Result.Messages.Value.Length == 3,
            "all three messages stored by the relay");
        var stored = (await phone.Http.GetMessagesAsync(cli.SessionId)).Messages.Value;
        var plaintexts = stored.Select(m => phone.Decrypt(((Delight.Protocol.Wire.Records.EncryptedContent)m.Content.Value!).C)).ToList();
        Assert.That(plaintexts[0], Does.Contain("before restart"));
        Assert.That(plaintexts.Skip(1), Has.Some.Contains("while down"));
        Assert.That(plaintexts.Skip(1), Has.Some.Contains("after restart"));
        Assert.That(stored.Select(m => m.Seq.Value), Is.EqualTo(new long[] { 1, 2, 3 }));
    }
}
