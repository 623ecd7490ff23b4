using Delight.Scenarios.World;
using Delight.Sim.Clock;
using Delight.Sim.Exploration;
using Delight.Sim.Swarm;
using static Delight.Sim.Invariants.InvariantNames;

namespace Delight.Scenarios.Scenarios;

/// <summary>S11 (beyond §9): the CLI's session socket breaks twice while the phone sends, and the relay's HTTP answers
/// travel slowly, so a catch-up fetch started on one connection can answer after the next connection started its own.
/// Every text the phone sent reaches the agent once, in order, whichever fetch answers first (the older snapshot may
/// predate a text stored while the socket was down).</summary>
public sealed class S11CatchUpAcrossReconnects : Scenario
{
    public override string Name => "s11-catch-up-across-reconnects";

    public override string Description => "the CLI socket breaks twice while the phone sends; catch-up answers travel slowly";

    public override IReadOnlyList<string> Invariants => [PhoneMessagesAtMostOnceInOrder, MessageEventuallySettled, ConvergesAfterHeal];

    public override SwarmProfile Profile => SwarmProfile.SlowHttp | SwarmProfile.Delay;

    protected override async Task DriveAsync(SimWorld world)
    {
        await world.Phone.SwitchAsync("remote").ConfigureAwait(false);
        for (var round = 0; round < 2; round++)
        {
            var broken = Task.Run(world.BreakCliSocketAsync);
            var sender = round; // its own local ids per round (L0-*, L1-*): a reused local id is a resend the relay dedupes
            var sends = Task.Run(() => world.Phone.SendMessagesAsync(sender, Math.Max(1, world.Context.Swarm.MessageCount / 2)));
            await Delight.Runtime.Actor.Awaits.AllAsync(broken, sends).ConfigureAwait(false);
            await VirtualDelay.For(world.Context.Clock, TimeSpan.FromMilliseconds(500 * world.Context.Random.Between(0, 8))).ConfigureAwait(false);
        }
    }
}
