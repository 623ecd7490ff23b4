using Delight.Protocol.Wire;
using Delight.Protocol.Wire.Ephemerals;
using Delight.Protocol.Wire.Http;
using Delight.Protocol.Wire.Json;
using Delight.Protocol.Wire.Rpc;
using Delight.Protocol.Wire.Socket;
using Delight.Protocol.Wire.State;
using Delight.Protocol.Wire.Updates;
using NUnit.Framework;

namespace Delight.Protocol.Tests.Wire;

/// <summary>The legacy names of §12 are accepted on input, map to current types, and re-encode with current names.</summary>
public sealed class LegacyNameTests
{
    [Test]
    public void UpdateMachineMapsToUpdateTerminal()
    {
        const string json = """{"id":"c1","seq":4,"createdAt":1,"body":{"t":"update-machine","machineId":"m-1","daemonState":{"value":"cipher","version":2}}}""";
        var update = WireCodec.DecodeUpdate(json);
        var body = update.Body as UpdateTerminalBody;
        Assert.That(body, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(body!.T, Is.EqualTo("update-terminal"));
            Assert.That(body.TerminalId.Value, Is.EqualTo("m-1"));
            Assert.That(body.DaemonState.Value!.Version.Value, Is.EqualTo(2));
        });
        WireJsonAssert.StructurallyEqual(
            WireCodec.EncodeUpdate(update),
            """{"id":"c1","seq":4,"createdAt":1,"body":{"t":"update-terminal","terminalId":"m-1","daemonState":{"value":"cipher","version":2}}}""");
    }

    [Test]
    public void NewMachineMapsToNewTerminal()
    {
        var body = WireCodec.DecodeUpdateBody("""{"t":"new-machine","machineId":"m-2","metadataVersion":1}""");
        Assert.That(body, Is.EqualTo(new NewTerminalBody { TerminalId = "m-2", MetadataVersion = 1L }));
    }

    [Test]
    public void CurrentTerminalIdWinsOverLegacyMachineId()
    {
        var body = (UpdateTerminalBody)WireCodec.DecodeUpdateBody("""{"t":"update-terminal","machineId":"old","terminalId":"new"}""");
        Assert.That(body.TerminalId.Value, Is.EqualTo("new"));
    }

    [Test]
    public void MachineActivityMapsToTerminalActivity()
    {
        var ephemeral = WireCodec.DecodeEphemeral("""{"type":"machine-activity","id":"m","active":true,"activeAt":5}""");
        Assert.That(ephemeral, Is.EqualTo(new TerminalActivityEphemeral { Id = "m", Active = true, ActiveAt = 5L }));
        WireJsonAssert.StructurallyEqual(WireCodec.EncodeEphemeral(ephemeral), """{"type":"terminal-activity","id":"m","active":true,"activeAt":5}""");
    }

    [TestCase("machine-alive", """{"machineId":"m","time":7}""", typeof(TerminalAliveEvent))]
    [TestCase("machine-update-metadata", """{"machineId":"m","metadata":"x","expectedVersion":1}""", typeof(TerminalUpdateMetadataRequest))]
    [TestCase("machine-update-state", """{"machineId":"m","daemonState":"x","expectedVersion":1}""", typeof(TerminalUpdateStateRequest))]
    public void MachineSocketEventsMapToTerminalEvents(string eventName, string json, Type expected)
    {
        var socketEvent = WireCodec.DecodeSocketEvent(eventName, json);
        Assert.That(socketEvent, Is.TypeOf(expected));
        Assert.That(socketEvent.EventName, Does.StartWith("terminal-"));
        var node = WireCodec.EncodeToNode(socketEvent)!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(node["terminalId"]!.GetValue<string>(), Is.EqualTo("m"));
            Assert.That(node.ContainsKey("machineId"), Is.False);
        });
    }

    [Test]
    public void MachineScopedHandshakeMapsToTerminalScoped()
    {
        var auth = WireCodec.DecodeHandshakeAuth("""{"token":"t","clientType":"machine-scoped","machineId":"m"}""");
        Assert.That(auth, Is.EqualTo(HandshakeAuth.TerminalScoped("t", "m")));
    }

    [Test]
    public void HandshakeWithoutClientTypeIsUserScoped()
    {
        var auth = WireCodec.DecodeHandshakeAuth("""{"token":"t"}""");
        Assert.Multiple(() =>
        {
            Assert.That(auth.EffectiveClientType, Is.EqualTo(ClientTypes.UserScoped));
            Assert.That(auth.ClientType.HasValue, Is.False);
        });
    }

    [Test]
    public void HappyMetadataKeysMapToDelightKeys()
    {
        var session = WireCodec.DecodeSessionMetadata("""{"path":"/w","machineId":"m","happyHomeDir":"/h"}""");
        var terminal = WireCodec.DecodeTerminalMetadata("""{"host":"h","happyCliVersion":"0.9","happyHomeDir":"/h"}""");
        Assert.Multiple(() =>
        {
            Assert.That(session, Is.EqualTo(new SessionMetadata { Path = "/w", TerminalId = "m", DelightHomeDir = "/h" }));
            Assert.That(terminal, Is.EqualTo(new TerminalMetadata { Host = "h", CliVersion = "0.9", DelightHomeDir = "/h" }));
        });
    }

    [Test]
    public void MachineResponseMapsToTerminalResponse()
    {
        var response = WireCodec.Decode<TerminalResponse>("""{"machine":{"id":"m","seq":0,"metadataVersion":1}}""");
        Assert.That(response.Terminal.Value, Is.EqualTo(new Terminal { Id = "m", Seq = 0L, MetadataVersion = 1L }));
    }

    [TestCase("/v1/machines", "/v1/terminals")]
    [TestCase("/v1/machines/abc/alive", "/v1/terminals/abc/alive")]
    [TestCase("/v1/machinesX", "/v1/machinesX")]
    [TestCase("/v1/sessions", "/v1/sessions")]
    public void LegacyHttpPathsMap(string legacy, string current)
    {
        Assert.That(LegacyNames.HttpPath(legacy), Is.EqualTo(current));
    }

    [Test]
    public void SpawnHappySessionMapsToSpawnSessionWithTerminalId()
    {
        var parameters = WireCodec.DecodeRpcParams("m:spawn-happy-session", """{"directory":"/w","machineId":"m"}""");
        Assert.That(parameters, Is.EqualTo(new SpawnSessionParams { Directory = "/w", TerminalId = "m" }));
        Assert.That(RpcMethod.Parse("m:spawn-happy-session").CurrentName, Is.EqualTo("spawn-session"));
    }

    [Test]
    public void AppSpellingsOfPendingRequestsAreAccepted()
    {
        var state = WireCodec.DecodeAgentState("""{"controlledByUser":false,"requests":{"r1":{"tool_name":"Bash","input":"{}","created_at":"1767034856000"}}}""");
        var request = state.Requests.Value!["r1"];
        Assert.Multiple(() =>
        {
            Assert.That(request.ToolName.Value, Is.EqualTo("Bash"));
            Assert.That(request.CreatedAt.Value, Is.EqualTo(1767034856000L));
            Assert.That(state.ControlledByUser.Value, Is.False);
        });
    }
}
