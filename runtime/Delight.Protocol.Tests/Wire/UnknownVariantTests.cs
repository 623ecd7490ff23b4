using Delight.Protocol.Wire;
using Delight.Protocol.Wire.Ephemerals;
using Delight.Protocol.Wire.Json;
using Delight.Protocol.Wire.Records;
using Delight.Protocol.Wire.Rpc;
using Delight.Protocol.Wire.Socket;
using Delight.Protocol.Wire.Updates;
using NUnit.Framework;

namespace Delight.Protocol.Tests.Wire;

/// <summary>An unrecognised discriminator is an explicit unknown variant that keeps its raw JSON and re-encodes to it.</summary>
public sealed class UnknownVariantTests
{
    [Test]
    public void UnknownUpdateBodyRoundTrips()
    {
        const string json = """{"id":"c9","seq":9,"body":{"t":"new-gizmo","x":[1,{"y":null}],"z":"\u003c"},"createdAt":3}""";
        var update = WireCodec.DecodeUpdate(json);
        var body = update.Body as UnknownUpdateBody;
        Assert.That(body, Is.Not.Null);
        Assert.That(body!.T, Is.EqualTo("new-gizmo"));
        WireJsonAssert.StructurallyEqual(WireCodec.EncodeUpdate(update), json);
    }

    [Test]
    public void UnknownEphemeralRoundTrips()
    {
        const string json = """{"type":"weather","temp":21.5,"sky":{"clouds":true}}""";
        var ephemeral = WireCodec.DecodeEphemeral(json);
        Assert.That(ephemeral, Is.TypeOf<UnknownEphemeral>());
        Assert.That(ephemeral.Type, Is.EqualTo("weather"));
        WireJsonAssert.StructurallyEqual(WireCodec.EncodeEphemeral(ephemeral), json);
    }

    [TestCase("""{"role":"system","text":"x"}""", typeof(UnknownRecord))]
    [TestCase("""{"role":"event","type":"tool.progress","pct":3}""", typeof(UnknownEventRecord))]
    [TestCase("""{"role":"user","content":{"type":"image","url":"u"}}""", typeof(UserRecord))]
    [TestCase("""{"role":"agent","content":{"type":"status","data":1}}""", typeof(AgentRecord))]
    public void UnknownRecordShapesRoundTrip(string json, Type expected)
    {
        var record = WireCodec.DecodeRecord(json);
        Assert.That(record, Is.TypeOf(expected));
        WireJsonAssert.StructurallyEqual(WireCodec.EncodeRecord(record), json);
    }

    [Test]
    public void UnknownContentBlockAndUnknownBlockFieldsRoundTrip()
    {
        const string json = """
            {"role":"agent","content":{"type":"output","data":{"type":"assistant","isSidechain":false,"isCompactSummary":false,"isMeta":false,
             "uuid":"u1","parentUuid":null,"message":{"role":"assistant","model":"unknown","content":[
               {"type":"text","text":"hi","citations":[{"n":1}]},
               {"type":"tool_use","id":"t1","name":"Bash","input":{"command":"ls"},"cache_control":{"type":"ephemeral"}},
               {"type":"server_tool_use","id":"s1","anything":[1,2]},
               {"type":"tool_result","tool_use_id":"t1","content":[{"type":"text","text":"ok"}],"is_error":false},
               {"type":"thinking","thinking":"hmm","signature":"sig"}],
             "usage":{"input_tokens":3}},"parent_tool_use_id":"p"}}}
            """;
        var record = (AgentRecord)WireCodec.DecodeRecord(json);
        var blocks = ((AgentOutputContent)record.Content.Value!).Data.Value!.Message.Value!.Content.Value;
        Assert.Multiple(() =>
        {
            Assert.That(blocks.Select(b => b.Type), Is.EqualTo(new[] { "text", "tool_use", "server_tool_use", "tool_result", "thinking" }));
            Assert.That(blocks[2], Is.TypeOf<UnknownContentBlock>());
            Assert.That(((TextBlock)blocks[0]).ExtraFields!.Keys, Is.EquivalentTo(new[] { "citations" }));
        });
        WireJsonAssert.StructurallyEqual(WireCodec.EncodeRecord(record), json);
    }

    [Test]
    public void UnknownMessageContentRoundTrips()
    {
        const string json = """{"t":"ciphertext-v2","c":"abc","k":1}""";
        var content = WireCodec.DecodeMessageContent(json);
        Assert.That(content, Is.TypeOf<UnknownMessageContent>());
        WireJsonAssert.StructurallyEqual(WireCodec.Encode(content), json);
    }

    [Test]
    public void UnknownSocketEventKeepsItsPayload()
    {
        const string json = """{"sessionId":"s","machineId":"m"}""";
        var socketEvent = WireCodec.DecodeSocketEvent("access-key-get", json);
        Assert.That(socketEvent, Is.TypeOf<UnknownSocketEvent>());
        Assert.That(socketEvent.EventName, Is.EqualTo("access-key-get"));
        WireJsonAssert.StructurallyEqual(WireCodec.EncodeSocketEvent(socketEvent), json);
    }

    [Test]
    public void UnknownRpcMethodKeepsParamsAndResult()
    {
        var parameters = WireCodec.DecodeRpcParams("s:teleport", """{"to":"mars"}""");
        var result = WireCodec.DecodeRpcResult("s:teleport", """{"ok":1}""");
        Assert.Multiple(() =>
        {
            Assert.That(parameters, Is.TypeOf<UnknownRpcParams>());
            Assert.That(result, Is.TypeOf<UnknownRpcResult>());
        });
        WireJsonAssert.StructurallyEqual(WireCodec.EncodeRpcParams(parameters), """{"to":"mars"}""");
        WireJsonAssert.StructurallyEqual(WireCodec.EncodeRpcResult(result), """{"ok":1}""");
    }

    [Test]
    public void ClaudeTranscriptLineKeepsClaudeFields()
    {
        const string json = """{"uuid":"u","parentUuid":null,"sessionId":"s","type":"user","timestamp":"0001-01-01T00:00:00Z","message":{"role":"user","content":"hi"},"cwd":"/w","gitBranch":"main"}""";
        var record = WireCodec.DecodeRecord(json);
        Assert.That(record, Is.TypeOf<ClaudeTranscriptLine>());
        Assert.That(record.Role, Is.Null);
        WireJsonAssert.StructurallyEqual(WireCodec.EncodeRecord(record), json);
    }
}
