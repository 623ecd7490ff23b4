using Delight.Protocol.Wire;
using Delight.Protocol.Wire.Ephemerals;
using Delight.Protocol.Wire.Updates;
using NUnit.Framework;

namespace Delight.Runtime.Tests.Relay;

/// <summary>What the relay emits must decode with Delight.Protocol's codec (the clients' parser).</summary>
public sealed class ProtocolWireCompatibilityTests
{
    [Test]
    public async Task RelayFramesDecodeWithTheProtocolCodec()
    {
        await using var relay = new RelayHarness();
        var sid = await relay.CreateSessionAsync();
        var phone = await relay.UserAsync();
        var cli = await relay.SessionSocketAsync(sid);
        await relay.EmitAsync(cli, "message", new { sid, localId = "L1", message = "AAAA" });
        await relay.EmitAsync(cli, "session-alive", new { sid, time = relay.NowMs, working = true });
        var mismatch = await relay.EmitWithAckAsync(cli, "update-state", new { sid, agentState = "{}", expectedVersion = 5 });
        var success = await relay.EmitWithAckAsync(cli, "update-state", new { sid, agentState = "{\"controlledByUser\":false}", expectedVersion = 0 });
        await RelayHarness.EventuallyAsync(() => phone.Payloads("update").Count == 2 && phone.Payloads("ephemeral").Count == 1, "frames at the phone");

        var frames = phone.Frames.Where(f => f.Event == "update").Select(f => WireCodec.DecodeUpdate(f.Json)).ToList();
        var message = (NewMessageBody)frames[0].Body;
        Assert.That((message.Sid.Value, message.Message.Value!.Seq.Value, message.Message.Value.LocalId.Value), Is.EqualTo((sid, 1L, "L1")));
        Assert.That(frames[1].Body, Is.InstanceOf<UpdateSessionBody>());
        Assert.That(frames.Select(f => f.Seq.Value), Is.Ordered.Ascending);

        var activity = (ActivityEphemeral)WireCodec.DecodeEphemeral(phone.Frames.Single(f => f.Event == "ephemeral").Json);
        Assert.That((activity.Id.Value, activity.Active.Value, activity.Working.Value), Is.EqualTo((sid, true, true)));

        var mismatchAck = WireCodec.DecodeVersionedAck(mismatch.GetRawText());
        Assert.That((mismatchAck.IsVersionMismatch, mismatchAck.Version.HasValue), Is.EqualTo((true, false)), "version 0 is absent");
        var successAck = WireCodec.DecodeVersionedAck(success.GetRawText());
        Assert.That((successAck.IsSuccess, successAck.VersionOrZero, successAck.AgentState.Value), Is.EqualTo((true, 1L, "{\"controlledByUser\":false}")));

        cli.AutoAnswer = _ => "{\"success\":true}";
        await relay.EmitAsync(cli, "rpc-register", new { method = sid + ":abort" });
        var rpc = WireCodec.DecodeRpcCallAck((await relay.EmitWithAckAsync(phone, "rpc-call", new { method = sid + ":abort", @params = "{}" })).GetRawText());
        Assert.That((rpc.Ok.Value, rpc.Result.HasValue), Is.EqualTo((true, true)));
    }
}
