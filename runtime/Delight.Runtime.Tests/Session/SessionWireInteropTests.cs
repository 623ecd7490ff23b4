using Delight.Protocol.Wire;
using Delight.Protocol.Wire.Ephemerals;
using Delight.Protocol.Wire.Records;
using Delight.Protocol.Wire.Socket;
using Delight.Runtime.Session;
using NUnit.Framework;

namespace Delight.Runtime.Tests.Session;

/// <summary>What the session runtime puts on the wire decodes with the protocol codec (PROTOCOL.md §2, §4, §6), and what
/// the codec produces the runtime parses.</summary>
[TestFixture]
public sealed class SessionWireInteropTests
{
    [NUnit.Framework.Test]
    public void Message_session_alive_and_update_state_decode_with_the_protocol_codec()
    {
        var message = (MessageEvent)WireCodec.DecodeSocketEvent(SessionWire.MessageEvent, SessionWire.Message("s1", "l1", "QUJD"));
        Assert.That((message.SessionIdAnyAlias, message.LocalId.Value, message.Cipher), Is.EqualTo(("s1", "l1", "QUJD")));

        var noLocalId = (MessageEvent)WireCodec.DecodeSocketEvent(SessionWire.MessageEvent, SessionWire.Message("s1", null, "QUJD"));
        Assert.That(noLocalId.LocalId.HasValue, Is.False, "ui.event rows are sent without localId");

        var alive = (SessionAliveEvent)WireCodec.DecodeSocketEvent(SessionWire.SessionAliveEvent, SessionWire.SessionAlive("s1", 1767034856000, true));
        Assert.That((alive.Sid.Value, alive.Time.Value, alive.Working.Value), Is.EqualTo(("s1", 1767034856000L, true)));

        var update = (UpdateStateRequest)WireCodec.DecodeSocketEvent(SessionWire.UpdateStateEvent, SessionWire.UpdateState("s1", "{\"controlledByUser\":true}", 7));
        Assert.That((update.Sid.Value, update.AgentState.Value, update.ExpectedVersion.Value), Is.EqualTo(("s1", "{\"controlledByUser\":true}", 7L)));
    }

    [NUnit.Framework.Test]
    public void Ephemerals_decode_with_the_protocol_codec()
    {
        var prompt = (PermissionRequestEphemeral)WireCodec.DecodeEphemeral(SessionWire.PermissionRequest("s1", "r1", "Bash", "{\"cmd\":\"ls\"}"));
        Assert.That((prompt.Id.Value, prompt.RequestId.Value, prompt.ToolName.Value, prompt.Input.Value), Is.EqualTo(("s1", "r1", "Bash", "{\"cmd\":\"ls\"}")));

        var ui = (UiEventEphemeral)WireCodec.DecodeEphemeral(SessionWire.UiEventEphemeral("s1", new EmitUiEvent("e1", "tool", "end", "ok", "b", "f", 5)));
        Assert.That((ui.SessionIdAnyAlias, ui.EventId.Value, ui.Kind.Value, ui.Phase.Value, ui.Status.Value, ui.AtMs.Value), Is.EqualTo(("s1", "e1", "tool", "end", "ok", 5L)));
    }

    [NUnit.Framework.Test]
    public void Agent_state_decodes_with_the_protocol_codec()
    {
        var doc = AgentStateDoc.Create("claude") with
        {
            ControlledByUser = false,
            Model = "opus",
            Requests = AgentStateDoc.EmptyRequests.SetItem("r1", new PermissionRequestRecord("Bash", "{}", 10)),
            CompletedRequests = AgentStateDoc.EmptyCompleted.SetItem("r0", new CompletedRequestRecord("Read", "{}", false, "no", 9)),
        };
        var decoded = WireCodec.DecodeAgentState(AgentStateJson.Serialize(doc));
        Assert.That((decoded.AgentType.Value, decoded.ControlledByUser.Value, decoded.Model.Value), Is.EqualTo(("claude", false, "opus")));
        Assert.That(decoded.Requests.Value!["r1"].ToolName.Value, Is.EqualTo("Bash"));
        Assert.That(decoded.CompletedRequests.Value!["r0"].Message.Value, Is.EqualTo("no"));

        var parsed = AgentStateJson.Parse(AgentStateJson.Serialize(doc), "claude");
        Assert.That(AgentStateJson.Serialize(parsed), Is.EqualTo(AgentStateJson.Serialize(doc with { ControlledByUser = false })));
    }

    [NUnit.Framework.Test]
    public void Versioned_acks_from_the_protocol_codec_parse()
    {
        Assert.That(SessionWire.ParseVersionedAck(WireCodec.Encode(VersionedAck.Success(8))), Is.EqualTo(new PersistAck(PersistAckKind.Success, 8, null)));
        Assert.That(SessionWire.ParseVersionedAck(WireCodec.Encode(VersionedAck.VersionMismatch(7))), Is.EqualTo(new PersistAck(PersistAckKind.VersionMismatch, 7, null)));
        Assert.That(SessionWire.ParseVersionedAck(WireCodec.Encode(VersionedAck.VersionMismatch(0))).Kind, Is.EqualTo(PersistAckKind.Error), "a mismatch without a version is a failure");
        Assert.That(SessionWire.ParseVersionedAck(WireCodec.Encode(VersionedAck.Error())).Kind, Is.EqualTo(PersistAckKind.Error));
        Assert.That(SessionWire.ParseVersionedAck("not json").Kind, Is.EqualTo(PersistAckKind.Error));
    }

    [NUnit.Framework.Test]
    public void User_text_records_round_trip_and_bad_input_is_rejected()
    {
        var record = (UserRecord)WireCodec.DecodeRecord(SessionWire.UserTextRecord("hi"));
        Assert.That(((UserTextContent)record.Content.Value!).Text.Value, Is.EqualTo("hi"));

        Assert.That(SessionWire.TryParseUserText("{\"role\":\"user\",\"content\":{\"type\":\"text\",\"text\":\"hello\\r\\n\"},\"meta\":{\"model\":\"x\"}}"u8, out var text, out var meta), Is.True);
        Assert.That((text, meta), Is.EqualTo(("hello", "{\"model\":\"x\"}")));
        Assert.That(SessionWire.TryParseUserText("{\"role\":\"agent\",\"content\":{\"type\":\"output\"}}"u8, out _, out _), Is.False);
        Assert.That(SessionWire.TryParseUserText("{\"role\":\"user\",\"content\":{\"type\":\"text\",\"text\":\"\"}}"u8, out _, out _), Is.False);
        Assert.That(SessionWire.TryParseUserText("nope"u8, out _, out _), Is.False);
        Assert.That(SessionWire.TryParseNewMessage("{]", "s1", out _, out _, out _), Is.False);
        Assert.That(SessionWire.TryParseRpcRequest("{\"params\":\"{}\"}", out _, out _), Is.False);
    }
}
