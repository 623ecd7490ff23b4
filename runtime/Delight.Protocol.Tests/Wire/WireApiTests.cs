using Delight.Protocol.Wire;
using Delight.Protocol.Wire.Ephemerals;
using Delight.Protocol.Wire.Json;
using Delight.Protocol.Wire.Records;
using Delight.Protocol.Wire.Rpc;
using Delight.Protocol.Wire.Socket;
using Delight.Protocol.Wire.State;
using Delight.Protocol.Wire.Updates;
using NUnit.Framework;

namespace Delight.Protocol.Tests.Wire;

/// <summary>The entry points other components call: building and parsing the payloads the runtime sends.</summary>
public sealed class WireApiTests
{
    [Test]
    public void MessageEventIsBuiltInTheClientShape()
    {
        var message = MessageEvent.Create("s1", "Y2lwaGVy", "lid");
        Assert.That(message.EventName, Is.EqualTo("message"));
        WireJsonAssert.StructurallyEqual(WireCodec.EncodeSocketEvent(message), """{"sid":"s1","message":"Y2lwaGVy","localId":"lid"}""");
    }

    [TestCase("""{"message":"X"}""")]
    [TestCase("""{"message":{"content":"X"}}""")]
    [TestCase("""{"message":{"content":{"t":"encrypted","c":"X"}}}""")]
    [TestCase("""{"content":"X"}""")]
    [TestCase("""{"content":{"c":"X"}}""")]
    [TestCase("""{"message":null,"content":"X"}""")]
    public void LegacyCipherLocationsYieldTheCipher(string json)
    {
        var message = (MessageEvent)WireCodec.DecodeSocketEvent("message", json);
        Assert.That(message.Cipher, Is.EqualTo("X"));
        WireJsonAssert.StructurallyEqual(WireCodec.EncodeSocketEvent(message), json);
    }

    [Test]
    public void MessageWithoutCipherIsNotAnError()
    {
        var message = (MessageEvent)WireCodec.DecodeSocketEvent("message", """{"sid":"s"}""");
        Assert.That(message.Cipher, Is.Null);
    }

    [Test]
    public void SessionAliveAndUpdateStateRoundTrip()
    {
        var alive = new SessionAliveEvent { Sid = "s", Time = 1767034856000L, Working = true };
        var state = new UpdateStateRequest { Sid = "s", AgentState = Optional<string>.Null, ExpectedVersion = 3L };
        Assert.Multiple(() =>
        {
            Assert.That(WireCodec.DecodeSocketEvent("session-alive", WireCodec.EncodeSocketEvent(alive)), Is.EqualTo(alive));
            Assert.That(WireCodec.EncodeSocketEvent(state), Is.EqualTo("""{"sid":"s","agentState":null,"expectedVersion":3}"""));
        });
    }

    [Test]
    public void RpcCallCarriesParamsAsAJsonString()
    {
        var parameters = new SwitchParams { Mode = "remote" };
        var call = new RpcCallEvent(RpcMethod.ForSession("s1", RpcMethodNames.Switch).ToString()) { Params = WireCodec.EncodeRpcParams(parameters) };
        var json = WireCodec.EncodeSocketEvent(call);
        Assert.That(json, Is.EqualTo("""{"method":"s1:switch","params":"{\"mode\":\"remote\"}"}"""));
        var decoded = (RpcCallEvent)WireCodec.DecodeSocketEvent("rpc-call", json);
        Assert.That(WireCodec.DecodeRpcParams(decoded.Method, decoded.Params.Value!), Is.EqualTo(parameters));
    }

    [Test]
    public void RpcCallAckResultDecodesByMethod()
    {
        var ack = WireCodec.DecodeRpcCallAck("""{"ok":true,"result":{"success":false,"error":"cannot update agent config: not in remote mode"}}""");
        var result = WireCodec.DecodeRpcResult("s:agent-config", ack.Result.Value!);
        Assert.That(result, Is.EqualTo(new AgentConfigResult { Success = false, Error = "cannot update agent config: not in remote mode" }));
    }

    [TestCase("", RpcParamsTextKind.Empty)]
    [TestCase("{}", RpcParamsTextKind.Json)]
    [TestCase("AKChoqOkpaanqKmqq506DkIp", RpcParamsTextKind.Opaque)]
    public void RpcParamsTextIsClassified(string text, RpcParamsTextKind kind)
    {
        Assert.That(RpcParamsText.Classify(text), Is.EqualTo(kind));
    }

    [TestCase("c176:abort", "c176", "abort", RpcScope.Session)]
    [TestCase("3f1c-uuid:ping", "3f1c-uuid", "ping", RpcScope.Terminal)]
    [TestCase("x:unknown", "x", "unknown", RpcScope.Unknown)]
    public void RpcMethodsParse(string method, string scope, string name, RpcScope kind)
    {
        var parsed = RpcMethod.Parse(method);
        Assert.Multiple(() =>
        {
            Assert.That(parsed.ScopeId, Is.EqualTo(scope));
            Assert.That(parsed.Name, Is.EqualTo(name));
            Assert.That(parsed.Scope, Is.EqualTo(kind));
            Assert.That(parsed.ToString(), Is.EqualTo(method));
        });
    }

    [Test]
    public void UiEventRecordEncodesRoleAndType()
    {
        var record = new UiEventRecord { SessionId = "s", EventId = "e", Kind = UiEventValues.KindTool, Phase = UiEventValues.PhaseEnd, Status = UiEventValues.StatusOk, AtMs = 5L };
        WireJsonAssert.StructurallyEqual(
            WireCodec.EncodeRecord(record),
            """{"role":"event","type":"ui.event","sessionId":"s","eventId":"e","kind":"tool","phase":"end","status":"ok","atMs":5}""");
    }

    [Test]
    public void EphemeralSessionIdAliasesResolve()
    {
        var ui = (UiEventEphemeral)WireCodec.DecodeEphemeral("""{"type":"ui.event","id":"s7","eventId":"e"}""");
        Assert.That(EphemeralSessionIds.SessionOf(ui), Is.EqualTo("s7"));
    }

    [Test]
    public void SessionMetadataBase64RoundTrips()
    {
        var metadata = new SessionMetadata { Path = "/work", Host = "box", TerminalId = "t", Flavor = "codex" };
        var base64 = WireCodec.EncodeSessionMetadataBase64(metadata);
        Assert.That(WireCodec.DecodeSessionMetadataBase64(base64), Is.EqualTo(metadata));
        Assert.Throws<WireFormatException>(() => WireCodec.DecodeSessionMetadataBase64("%%%"));
    }

    [TestCase("""{"body":{"t":"x"}}""", WireKind.Update)]
    [TestCase("""{"role":"user"}""", WireKind.Record)]
    [TestCase("""{"uuid":"u","type":"user"}""", WireKind.Record)]
    [TestCase("""{"type":"activity"}""", WireKind.Ephemeral)]
    [TestCase("""{"t":"encrypted","c":"x"}""", WireKind.MessageContent)]
    [TestCase("""{"t":"delete-session","sid":"s"}""", WireKind.UpdateBody)]
    [TestCase("""{"message":{"content":{"c":"x"}}}""", WireKind.MessageEvent)]
    [TestCase("""{"allow":true,"message":"ok","requestId":"r"}""", WireKind.RpcParams)]
    [TestCase("""{}""", WireKind.RpcParams)]
    public void DetectTellsKindsByShape(string json, WireKind kind)
    {
        Assert.That(WireCodec.Detect(json), Is.EqualTo(kind));
    }

    [Test]
    public void DetectRejectsNonObjects()
    {
        Assert.Throws<WireFormatException>(() => WireCodec.Detect("[1]"));
    }

    [Test]
    public void EveryCatalogueEventNameDecodesItsOwnType()
    {
        foreach (var name in SocketEventCatalog.Names)
        {
            Assert.That(SocketEventCatalog.TryGetPayloadType(name, out var type), Is.True, name);
            var json = name switch
            {
                "update" => """{"body":{"t":"delete-session","sid":"s"}}""",
                "ephemeral" => """{"type":"activity","id":"s"}""",
                _ when name.StartsWith("rpc-", StringComparison.Ordinal) && name != "rpc-error" => """{"method":"s:abort"}""",
                _ => "{}",
            };
            var decoded = WireCodec.DecodeSocketEvent(name, json);
            Assert.That(type.IsInstanceOfType(decoded), Is.True, name);
            Assert.That(decoded.EventName, Is.EqualTo(name));
        }
    }
}
