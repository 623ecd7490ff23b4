using Delight.Scenarios.World;
using Delight.Sim.Exploration;
using Delight.Sim.Swarm;
using static Delight.Sim.Invariants.InvariantNames;

namespace Delight.Scenarios.Scenarios;

/// <summary>S8: keep-alive ticks race turn boundaries, ours and an upstream CLI's second writer (which reads "working"
/// and emits it later); the relay's turn state follows the latest logical boundary, never a keep-alive read before the
/// turn ended.</summary>
public sealed class S08KeepAliveVersusTurns : Scenario
{
    public override string Name => "s8-keepalive-vs-turns";

    public override string Description => "30 s keep-alives race working/idle turn boundaries";

    public override IReadOnlyList<string> Invariants => [TurnStateFollowsLatestBoundary, ConvergesAfterHeal, OnlineFollowsSessionSocket];

    public override SwarmProfile Profile => SwarmProfile.Delay | SwarmProfile.SlowAgent | SwarmProfile.Disconnect;

    protected override WorldOptions Options(SimContext context) =>
        new() { Agent = new() { UiEvents = true } };

    protected override async Task DriveAsync(SimWorld world)
    {
        await world.Phone.SwitchAsync("remote").ConfigureAwait(false);
        var sends = world.Phone.SendFromAllTasksAsync();
        // An upstream CLI's keep-alive writes beside ours, reading "working" just before turns start and end.
        var legacy = world.RunLegacyKeepAliveAsync(ticks: 12, TimeSpan.FromMilliseconds(world.Context.Random.Between(200, 2000)));
        // Let a couple of keep-alive periods pass while turns start and end.
        var idle = world.WaitUntilAsync(() => false, TimeSpan.FromSeconds(65));
        await Delight.Runtime.Actor.Awaits.AllAsync(sends, legacy, idle).ConfigureAwait(false);
    }
}
