using Delight.Runtime.Agents;
using Delight.Scenarios.World;
using Delight.Sim.Clock;
using Delight.Sim.Exploration;
using Delight.Sim.Swarm;
using static Delight.Sim.Invariants.InvariantNames;

namespace Delight.Scenarios.Scenarios;

/// <summary>S5: decisions race the await, duplicates, short engine timeouts, and a mode switch during the wait. Each
/// request is resolved exactly once and no prompt is left on the phone (no ghost prompts).</summary>
public sealed class S05PermissionDecisionMatrix : Scenario
{
    public override string Name => "s5-permission-decision-matrix";

    public override string Description => "duplicate and late decisions, engine timeouts and a switch while a prompt is open";

    public override IReadOnlyList<string> Invariants => [PermissionResolvedOnce, NoGhostPermission, PermissionEventuallyResolved, StateNeverMutatedAfterCommit];

    public override SwarmProfile Profile => SwarmProfile.Delay | SwarmProfile.Duplicate | SwarmProfile.AckLoss;

    protected override WorldOptions Options(SimContext context) =>
        new() { Agent = new() { PermissionPercent = 100, PermissionTimeout = TimeSpan.FromSeconds(2 + context.Random.NextInt(4)) } };

    protected override async Task DriveAsync(SimWorld world)
    {
        await world.Phone.SwitchAsync("remote").ConfigureAwait(false);
        var stop = false;
        var sends = world.Phone.SendFromAllTasksAsync();
        var answers = world.Phone.AnswerPermissionsAsync(() => stop, allow: world.Context.Random.NextBool(), duplicateAnswers: true);
        var switcher = Task.Run(async () =>
        {
            await VirtualDelay.For(world.Context.Clock, TimeSpan.FromMilliseconds(200 * world.Context.Random.NextInt(10))).ConfigureAwait(false);
            await world.DesktopSwitchAsync(AgentMode.Local).ConfigureAwait(false);
        });
        await Delight.Runtime.Actor.Awaits.AllAsync(sends, switcher).ConfigureAwait(false);
        await world.WaitUntilAsync(() => world.NoMessagesDue && world.Session.State.AgentState.Requests.Count == 0, TimeSpan.FromMinutes(2)).ConfigureAwait(false);
        stop = true;
        await answers.ConfigureAwait(false);
    }
}
