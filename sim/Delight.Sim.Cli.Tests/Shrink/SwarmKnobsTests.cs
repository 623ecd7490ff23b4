using System.Reflection;
using Delight.Sim.Exploration.Shrinking;
using Delight.Sim.Swarm;
using NUnit.Framework;

namespace Delight.Sim.Cli.Tests.Shrink;

/// <summary>
/// The shrinker's knob list is written by hand; these tests keep it in step with <see cref="SwarmConfig"/>, so a
/// fault added to the swarm cannot silently escape shrinking, and every knob reads and writes its own field.
/// </summary>
[TestFixture]
public sealed class SwarmKnobsTests
{
    private static readonly SwarmConfig Loud = new(4, 3, 50, 20, true, 30, 30, 10, 40, 30, 3, true, 60, 3)
    {
        SessionInboxCapacity = 2,
        LateServerDisconnectPercent = 60,
        SlowHttpPercent = 90,
    };

    [NUnit.Framework.Test]
    public void Every_swarm_config_property_has_exactly_one_knob()
    {
        var properties = typeof(SwarmConfig)
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.Name != "EqualityContract")
            .Select(p => p.Name)
            .Order()
            .ToList();

        Assert.That(SwarmKnobs.All.Select(k => k.Name).Order().ToList(), Is.EqualTo(properties));
    }

    [NUnit.Framework.Test]
    public void Each_knob_writes_only_its_own_field()
    {
        foreach (var knob in SwarmKnobs.All)
        {
            var lowered = knob.Write(Loud, knob.Quiet);
            Assert.That(knob.Read(lowered), Is.EqualTo(knob.Quiet), knob.Name);
            foreach (var other in SwarmKnobs.All.Where(o => o != knob))
            {
                Assert.That(other.Read(lowered), Is.EqualTo(other.Read(Loud)), $"{knob.Name} changed {other.Name}");
            }
        }
    }

    [NUnit.Framework.Test]
    public void A_loud_config_has_every_fault_active_and_the_quiet_one_none()
    {
        Assert.That(SwarmKnobs.ActiveFaults(Loud), Is.EqualTo(SwarmKnobs.All.Count(k => k.Kind == SwarmKnobKind.Fault)));
        var quiet = SwarmKnobs.All.Aggregate(Loud, (c, k) => k.Write(c, k.Quiet));
        Assert.That(SwarmKnobs.ActiveFaults(quiet), Is.Zero);
        Assert.That(SwarmKnobs.SizeExcess(quiet), Is.Zero);
    }
}
