using System.Text;
using Delight.Protocol.Wire;
using Delight.Protocol.Wire.Json;
using NUnit.Framework;

namespace Delight.Protocol.Tests.Wire;

/// <summary>Bad input is always a <see cref="WireFormatException"/> naming the field and its full JSON path.</summary>
public sealed class ErrorTests
{
    [TestCase("""{"id":"u","seq":6,"createdAt":1}""", "$.body", "body")]
    [TestCase("""{"body":{"sid":"s"}}""", "$.body.t", "t")]
    [TestCase("""{"body":{"t":"new-message","message":{"content":{"c":"x"}}}}""", "$.body.message.content.t", "t")]
    [TestCase("""{"body":{"t":"new-message","message":{"content":{"t":"encrypted"}}}}""", "$.body.message.content.c", "c")]
    [TestCase("""{"body":{"t":"new-message","message":{"content":{"t":"encrypted","c":null}}}}""", "$.body.message.content.c", "c")]
    public void MissingDiscriminatorOrRequiredFieldNamesThePath(string json, string path, string field)
    {
        var error = Assert.Throws<WireFormatException>(() => WireCodec.DecodeUpdate(json));
        Assert.Multiple(() =>
        {
            Assert.That(error!.JsonPath, Is.EqualTo(path));
            Assert.That(error.Field, Is.EqualTo(field));
            Assert.That(error.Message, Does.Contain("missing required field"));
        });
    }

    [TestCase("""{"body":{"t":"new-message"},"seq":"6"}""", "$.seq", "seq", "integer")]
    [TestCase("""{"body":{"t":"new-message"},"seq":1e30}""", "$.seq", "seq", "integer")]
    [TestCase("""{"body":{"t":"new-message"},"seq":99999999999999999999}""", "$.seq", "seq", "integer")]
    [TestCase("""{"body":{"t":"new-message"},"seq":1.5}""", "$.seq", "seq", "integer")]
    [TestCase("""{"body":{"t":"new-message","message":{"seq":"x"}}}""", "$.body.message.seq", "seq", "integer")]
    [TestCase("""{"body":{"t":"update-terminal","metadata":{"version":true}}}""", "$.body.metadata.version", "version", "integer")]
    [TestCase("""{"body":{"t":"new-message","message":{"content":{"t":"encrypted","c":5}}}}""", "$.body.message.content.c", "c", "string")]
    [TestCase("""{"body":{"t":5}}""", "$.body.t", "t", "string")]
    [TestCase("""{"body":{"t":"kv-batch-update","changes":[{"key":"a"},{"key":7}]}}""", "$.body.changes[1].key", "key", "string")]
    [TestCase("""{"body":{"t":"new-session","active":"yes"}}""", "$.body.active", "active", "true or false")]
    [TestCase("""{"body":"new-message"}""", "$.body", "body", "object")]
    public void WrongTypeNamesTheFieldAndPath(string json, string path, string field, string expected)
    {
        var error = Assert.Throws<WireFormatException>(() => WireCodec.DecodeUpdate(json));
        Assert.Multiple(() =>
        {
            Assert.That(error!.JsonPath, Is.EqualTo(path));
            Assert.That(error.Field, Is.EqualTo(field));
            Assert.That(error.Message, Does.Contain(expected));
            Assert.That(error.Message, Does.Contain(path));
            Assert.That(error.Message, Does.Not.Contain("System."));
        });
    }

    [Test]
    public void WrongTypeDeepInsideARecordNamesThePath()
    {
        const string json = """{"role":"agent","content":{"type":"output","data":{"message":{"content":[{"type":"text","text":"a"},{"type":"tool_result","is_error":"no"}]}}}}""";
        var error = Assert.Throws<WireFormatException>(() => WireCodec.DecodeRecord(json));
        Assert.That(error!.JsonPath, Is.EqualTo("$.content.data.message.content[1].is_error"));
    }

    [Test]
    public void MissingRpcMethodIsAnError()
    {
        var error = Assert.Throws<WireFormatException>(() => WireCodec.DecodeSocketEvent("rpc-call", """{"params":"{}"}"""));
        Assert.That(error!.JsonPath, Is.EqualTo("$.method"));
    }

    [Test]
    public void RpcParamsObjectInsteadOfStringIsAnError()
    {
        var error = Assert.Throws<WireFormatException>(() => WireCodec.DecodeSocketEvent("rpc-call", """{"method":"s:abort","params":{}}"""));
        Assert.Multiple(() =>
        {
            Assert.That(error!.JsonPath, Is.EqualTo("$.params"));
            Assert.That(error.Message, Does.Contain("string"));
        });
    }

    [Test]
    public void MissingRecordRoleIsAnError()
    {
        var error = Assert.Throws<WireFormatException>(() => WireCodec.DecodeRecord("""{"content":{"type":"text","text":"x"}}"""));
        Assert.That(error!.JsonPath, Is.EqualTo("$.role"));
    }

    [Test]
    public void MissingEphemeralTypeIsAnError()
    {
        var error = Assert.Throws<WireFormatException>(() => WireCodec.DecodeEphemeral("""{"id":"s","active":true}"""));
        Assert.That(error!.JsonPath, Is.EqualTo("$.type"));
    }

    [Test]
    public void NestingDeeperThan64IsAnError()
    {
        var deep = "{\"role\":\"user\",\"meta\":" + new string('[', 70) + new string(']', 70) + "}";
        var error = Assert.Throws<WireFormatException>(() => WireCodec.DecodeRecord(deep));
        Assert.That(error!.Message, Does.Contain("deeper than 64"));
    }

    [Test]
    public void NestingOf64IsAccepted()
    {
        // The root object is depth 1; 62 more arrays plus the innermost make 64 levels.
        var json = "{\"role\":\"user\",\"meta\":" + new string('[', 63) + new string(']', 63) + "}";
        Assert.That(WireCodec.DecodeRecord(json), Is.Not.Null);
    }

    [TestCase("", "empty")]
    [TestCase("   ", "empty")]
    [TestCase("""{"body":{"t":"new-message" """, "line 1")]
    [TestCase("""{"body":}""", "line 1")]
    public void MalformedTextNamesThePosition(string json, string expected)
    {
        var error = Assert.Throws<WireFormatException>(() => WireCodec.DecodeUpdate(json));
        Assert.That(error!.Message, Does.Contain(expected));
    }

    [Test]
    public void InvalidUtf8NamesTheByteOffset()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"role":"user","x":"ab""").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("\"}")).ToArray();
        var error = Assert.Throws<WireFormatException>(() => WireCodec.Decode<Delight.Protocol.Wire.Records.RawRecord>(bytes));
        Assert.That(error!.Message, Does.Contain("UTF-8").And.Contain("offset 22"));
    }

    [Test]
    public void NullPayloadIsAnError()
    {
        Assert.Throws<WireFormatException>(() => WireCodec.DecodeUpdate("null"));
    }

    [Test]
    public void UnsupportedCipherEnvelopeIsAnError()
    {
        var error = Assert.Throws<WireFormatException>(() => WireCodec.DecodeSocketEvent("message", """{"message":{"x":1}}"""));
        Assert.Multiple(() =>
        {
            Assert.That(error!.JsonPath, Is.EqualTo("$.message"));
            Assert.That(error.Message, Does.Contain("unsupported ciphertext envelope"));
        });
    }

    [Test]
    public void EmptyCiphertextIsAnError()
    {
        var error = Assert.Throws<WireFormatException>(() => WireCodec.DecodeSocketEvent("message", """{"message":{"content":{"c":""}}}"""));
        Assert.That(error!.JsonPath, Is.EqualTo("$.message.content.c"));
    }

    [TestCase("$.body.seq", "seq")]
    [TestCase("$.items[2]", "items[2]")]
    [TestCase("$['odd key'].x", "x")]
    [TestCase("$['odd key']", "odd key")]
    [TestCase("$", null)]
    public void FieldOfPath(string path, string? field)
    {
        Assert.That(WireErrors.FieldOf(path), Is.EqualTo(field));
    }
}
