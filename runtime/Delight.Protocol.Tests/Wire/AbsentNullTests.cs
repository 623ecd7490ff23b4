using Delight.Protocol.Wire;
using Delight.Protocol.Wire.Json;
using Delight.Protocol.Wire.Rpc;
using Delight.Protocol.Wire.Socket;
using Delight.Protocol.Wire.Updates;
using NUnit.Framework;

namespace Delight.Protocol.Tests.Wire;

/// <summary>Absent stays absent and null stays null; acks drop <c>version</c> when it is 0.</summary>
public sealed class AbsentNullTests
{
    [Test]
    public void AbsentAndNullSurviveForReferenceAndValueTypes()
    {
        const string json = """{"t":"new-session","id":"s","agentState":null,"dataEncryptionKey":null,"activeAt":null}""";
        var body = (NewSessionBody)WireCodec.DecodeUpdateBody(json);
        Assert.Multiple(() =>
        {
            Assert.That(body.AgentState.IsNull, Is.True);
            Assert.That(body.ActiveAt.IsNull, Is.True);
            Assert.That(body.Seq.HasValue, Is.False);
            Assert.That(body.Metadata.HasValue, Is.False);
        });
        WireJsonAssert.StructurallyEqual(WireCodec.Encode<UpdateBody>(body), json);
    }

    [Test]
    public void NewMessageLocalIdNullIsKept()
    {
        const string json = """{"t":"new-message","sid":"s","message":{"id":"m","seq":1,"localId":null,"content":{"t":"encrypted","c":"x"},"createdAt":1000,"updatedAt":1000}}""";
        var body = (NewMessageBody)WireCodec.DecodeUpdateBody(json);
        Assert.That(body.Message.Value!.LocalId.IsNull, Is.True);
        WireJsonAssert.StructurallyEqual(WireCodec.Encode<UpdateBody>(body), json);
    }

    [Test]
    public void VersionedAckOmitsZeroVersion()
    {
        Assert.Multiple(() =>
        {
            Assert.That(WireCodec.Encode(VersionedAck.VersionMismatch(0)), Is.EqualTo("""{"result":"version-mismatch"}"""));
            Assert.That(WireCodec.Encode(VersionedAck.Success(8) with { AgentState = "{}" }), Is.EqualTo("""{"result":"success","version":8,"agentState":"{}"}"""));
            Assert.That(WireCodec.Encode(VersionedAck.Error()), Is.EqualTo("""{"result":"error"}"""));
        });
    }

    [Test]
    public void VersionMismatchAckWithoutVersionReadsAsZero()
    {
        var ack = WireCodec.DecodeVersionedAck("""{"result":"version-mismatch","agentState":"{}"}""");
        Assert.Multiple(() =>
        {
            Assert.That(ack.IsVersionMismatch, Is.True);
            Assert.That(ack.Version.HasValue, Is.False);
            Assert.That(ack.VersionOrZero, Is.Zero);
        });
    }

    [Test]
    public void RpcCallAckOmitsNullResult()
    {
        Assert.Multiple(() =>
        {
            Assert.That(WireCodec.Encode(RpcCallAck.Success(null)), Is.EqualTo("""{"ok":true}"""));
            Assert.That(WireCodec.Encode(RpcCallAck.Failure(RpcCallErrors.NotAvailable)), Is.EqualTo("""{"ok":false,"error":"RPC method not available"}"""));
        });
    }

    [Test]
    public void OptionalStatesAreDistinct()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Optional<long>.Absent, Is.Not.EqualTo(Optional<long>.Null));
            Assert.That(Optional<long>.Null, Is.Not.EqualTo(Optional.Of(0L)));
            Assert.That(Optional.Of<string>(null), Is.EqualTo(Optional<string>.Null));
            Assert.That(Optional<long>.Null.GetValueOrDefault(5), Is.EqualTo(5));
        });
    }
}
