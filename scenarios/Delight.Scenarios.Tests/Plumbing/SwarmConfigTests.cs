using Delight.Sim.Swarm;
using NUnit.Framework;

namespace Delight.Scenarios.Tests.Plumbing;

/// <summary>The swarm draws a fault only when the scenario's profile allows it, in the documented ranges.</summary>
public sealed class SwarmConfigTests
{
    private const int Draws = 400;

    [NUnit.Framework.Test]
    public void BackpressureDrawsATightInboxOfOneToThreeSlotsAndOnlyThen()
    {
        var random = new SimRandom();
        var tight = Enumerable.Range(0, Draws).Select(_ => SwarmConfig.Draw(random, SwarmProfile.Backpressure).SessionInboxCapacity).ToList();
        Assert.That(tight, Is.All.InRange(1, 3));
        Assert.That(tight.Distinct().Order(), Is.EqualTo(new[] { 1, 2, 3 }), "every size is drawn");

        var roomy = Enumerable.Range(0, Draws).Select(_ => SwarmConfig.Draw(random, SwarmProfile.Network).SessionInboxCapacity);
        Assert.That(roomy, Is.All.EqualTo(SwarmConfig.DefaultInboxCapacity));
    }

    [NUnit.Framework.Test]
    public void LateServerDisconnectsComeOnlyWithDisconnects()
    {
        var random = new SimRandom();
        var late = Enumerable.Range(0, Draws).Select(_ => SwarmConfig.Draw(random, SwarmProfile.Disconnect).LateServerDisconnectPercent).ToList();
        Assert.That(late, Is.All.InRange(0, 60));
        Assert.That(late.Max(), Is.GreaterThan(30));

        var none = Enumerable.Range(0, Draws).Select(_ => SwarmConfig.Draw(random, SwarmProfile.Delay | SwarmProfile.Backpressure).LateServerDisconnectPercent);
        Assert.That(none, Is.All.Zero);
    }
}
