using System.Text;
using System.Text.Json.Nodes;
using Delight.Protocol.Crypto;
using Delight.Runtime.Agents;
using Delight.Runtime.Mailbox;
using Delight.Runtime.Session;
using Delight.Transport.SocketIo;
using Delight.Transport.Tests.Support;

namespace Delight.Transport.Tests.EndToEnd;

/// <summary>The real session runtime on a real socket, fed garbage by a scripted relay behind the socket.io front:
/// every bad frame is logged and skipped, and the session keeps working.</summary>
[TestFixture]
[Category("Integration")]
[CancelAfter(60_000)]
public sealed class BadRelayInputTests
{
    private const string Sid = "s-bad";

    [Test]
    public async Task Malformed_json_unknown_events_and_bad_ciphertexts_are_skipped_and_the_session_goes_on()
    {
        var backend = new ScriptedRelayBackend();
        await using var relay = await TestRelay.StartAsync(backend);
        var dataKey = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        await using var socket = new SocketIoConnection(
            new SocketIoConnectionOptions { ServerUri = relay.BaseUri, Scope = SocketScope.SessionScoped(Sid) },
            new FixedSocketTokenSource("jwt"),
            TestLog.Logger);
        var engines = new RecordingEngineFactory();
        var world = new SessionWorld(
            TimeProvider.System, ChannelMailboxFactory.Instance, socket, engines, new SequentialIdSource("cli-"), SystemRandomSource.Instance, NullDesktopConsole.Instance);
        await using var runtime = new SessionRuntime(world, SessionState.Initial(SessionSettings.Create(Sid, "fake", "/work")), dataKey);
        await runtime.StartAsync();
        Assert.That(await runtime.SwitchModeAsync(AgentMode.Remote).WaitAsync(TimeSpan.FromSeconds(15)), Is.EqualTo(new ReplyMode(AgentMode.Remote)));
        await ScriptedRelayBackend.WaitUntilAsync(() => backend.RpcMethods.ContainsKey(Sid + ":switch"), "the CLI's RPC registration");
        var cli = backend.RpcMethods[Sid + ":switch"];

        using var rightKey = new ContentCipher(dataKey, SystemRandomSource.Instance);
        using var wrongKey = new ContentCipher(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), SystemRandomSource.Instance);
        await cli.EmitAsync("update", "\"{not json\"");
        await cli.EmitAsync("update", """{"id":"u0","seq":1,"body":"not an object","createdAt":1}""");
        await cli.EmitAsync("update", NewMessage("m1", 1, "AAAA-not-a-cipher"));
        await cli.EmitAsync("update", NewMessage("m2", 2, wrongKey.EncryptToBase64(Encoding.UTF8.GetBytes(SessionWire.UserTextRecord("wrong key")))));
        await cli.EmitAsync("update", NewMessage("m3", 3, rightKey.EncryptToBase64("{\"role\":\"user\",\"content\":"u8.ToArray())));
        await cli.EmitAsync("update", """{"id":"u4","seq":4,"body":{"t":"brand-new-thing","x":1},"createdAt":1}""");
        await cli.EmitAsync("bogus-event", """{"x":1}""");
        await cli.EmitAsync("ephemeral", "[1,2,3]");
        var rpcAck = await cli.EmitWithAckAsync("rpc-request", $$"""{"method":"{{Sid}}:switch","params":"neither json nor a cipher"}""", TimeSpan.FromSeconds(10));
        await cli.EmitAsync("update", NewMessage("m5", 5, rightKey.EncryptToBase64(Encoding.UTF8.GetBytes(SessionWire.UserTextRecord("good")))));

        await ScriptedRelayBackend.WaitUntilAsync(() => engines.Engine.Sends.Count >= 1, "the good message at the engine");
        await Task.Delay(300); // anything wrongly accepted from the garbage would have reached the engine by now
        Assert.That(engines.Engine.Sends, Is.EqualTo(new[] { "good" }));
        Assert.That(JsonNode.Parse(rpcAck)!["error"]!.GetValue<string>(), Is.EqualTo("decryption failed"));
        Assert.That(runtime.Ended.IsCompleted, Is.False, "the session is still running");
        Assert.That(socket.IsConnected, Is.True);
        var capabilities = await cli.EmitWithAckAsync("rpc-request", $$"""{"method":"{{Sid}}:switch","params":"{\"mode\":\"remote\"}"}""", TimeSpan.FromSeconds(10));
        Assert.That(JsonNode.Parse(capabilities)!["mode"]!.GetValue<string>(), Is.EqualTo("remote"));
    }

    private static string NewMessage(string id, long seq, string cipher) =>
        new JsonObject
        {
            ["id"] = "u-" + id,
            ["seq"] = seq,
            ["body"] = new JsonObject
            {
                ["t"] = "new-message",
                ["sid"] = Sid,
                ["message"] = new JsonObject
                {
                    ["id"] = id,
                    ["seq"] = seq,
                    ["localId"] = null,
                    ["content"] = new JsonObject { ["t"] = "encrypted", ["c"] = cipher },
                    ["createdAt"] = 1000,
                    ["updatedAt"] = 1000,
                },
            },
            ["createdAt"] = 1,
        }.ToJsonString();
}
