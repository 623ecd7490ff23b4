using Delight.Transport.SocketIo;

namespace Delight.Transport.Tests.SocketIo;

public sealed class EventFrameTrackerTests
{
    [TestCase("42[\"update\",{}]", false)]
    [TestCase("420[\"rpc-request\",{}]", true)]
    [TestCase("4217[\"rpc-request\",{}]", true)]
    [TestCase("42/admin,3[\"x\"]", true)]
    [TestCase("42/admin,[\"x\"]", false)]
    public void An_event_frame_says_whether_it_carries_an_ack_id(string frame, bool hasId)
    {
        Assert.That(EventFrameTracker.EventFrameHasAckId(frame), Is.EqualTo(hasId));
    }

    [TestCase("2")]
    [TestCase("40{\"sid\":\"abc\"}")]
    [TestCase("430[{}]")]
    [TestCase("0{\"sid\":\"x\"}")]
    public void Other_frames_are_not_events(string frame)
    {
        Assert.That(EventFrameTracker.EventFrameHasAckId(frame), Is.Null);
    }
}
