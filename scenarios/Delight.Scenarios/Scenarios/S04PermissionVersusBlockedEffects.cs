using Delight.Scenarios.World;
using Delight.Sim.Exploration;
using Delight.Sim.Fakes.Twins;
using Delight.Sim.Swarm;
using static Delight.Sim.Invariants.InvariantNames;

namespace Delight.Scenarios.Scenarios;

/// <summary>S4: every turn asks a permission while sends are slow; a prompt and its decision must never wait behind
/// an unrelated effect (the agent send queue is its own worker), and every request is resolved exactly once.</summary>
public sealed class S04PermissionVersusBlockedEffects : Scenario
{
    public override string Name => "s4-permission-vs-blocked-effects";

    public override string Description => "permission waits inside slow sends while the phone keeps answering";

    public override IReadOnlyList<string> Invariants => [PermissionResolvedOnce, PermissionEventuallyResolved, NoGhostPermission, SdkNeverDeadlocks, EffectsNeverStallTheLoop];

    public override SwarmProfile Profile => SwarmProfile.Delay | SwarmProfile.SlowAgent;

    /// <summary>The agent is a twin that asks permissions: Claude (a send returns at once) or ACP (a send blocks for the
    /// whole turn, its permission waits included: the case where an effect run on the loop deadlocks it).</summary>
    protected override WorldOptions Options(SimContext context) =>
        new() { Agent = new() { PermissionPercent = 100, Twin = EngineTwins.Draw(context.Random, p => p.AsksPermissions) } };

    protected override async Task DriveAsync(SimWorld world)
    {
        await world.Phone.SwitchAsync("remote").ConfigureAwait(false);
        var sends = world.Phone.SendFromAllTasksAsync();
        var answers = world.Phone.AnswerPermissionsAsync(() => sends.IsCompleted && world.NoMessagesDue && world.Session.State.AgentState.Requests.Count == 0);
        await Delight.Runtime.Actor.Awaits.AllAsync(sends, answers).ConfigureAwait(false);
    }
}
