using Delight.Scenarios.World;
using Delight.Sim.Swarm;
using static Delight.Sim.Invariants.InvariantNames;

namespace Delight.Scenarios.Scenarios;

/// <summary>S1: the user taps send twice quickly (the SDK's gate must count its own send in flight), then the phone
/// sends messages back to back from several tasks while in control; they must reach the agent at most once and in the
/// order each task sent them, whatever the network delays, drops or duplicates, even through a tight inbox.</summary>
public sealed class S01TwoQuickMessages : Scenario
{
    public override string Name => "s1-two-quick-messages";

    public override string Description => "phone messages sent back to back from several tasks reach the agent once, in order";

    public override IReadOnlyList<string> Invariants => [PhoneMessagesAtMostOnceInOrder, RelaySeqsGapFree, PhoneAppliesInOrderOnce, MessageEventuallySettled, SdkSendGateCountsOwnSend];

    public override SwarmProfile Profile => SwarmProfile.Network | SwarmProfile.SlowAgent | SwarmProfile.Backpressure;

    protected override async Task DriveAsync(SimWorld world)
    {
        await world.Phone.SwitchAsync("remote").ConfigureAwait(false);
        await world.Phone.TapSendTwiceAsync().ConfigureAwait(false);
        await world.Phone.SendFromAllTasksAsync().ConfigureAwait(false);
    }
}
