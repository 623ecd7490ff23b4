using Delight.Runtime.Mutants;
using Delight.Runtime.Relay;
using Delight.Runtime.Relay.State;
using NUnit.Framework;

namespace Delight.Runtime.Tests.Relay;

/// <summary>Each seeded relay defect, armed, brings back upstream's behaviour (so the simulation can find it).</summary>
[NonParallelizable]
public sealed class RelayMutantTests
{
    [Test]
    public void StaleKeepAliveMutantReopensAClosedTurn()
    {
        var closed = new TurnState(false, 0, 400, 400, 0, false);
        Assert.That(AccountReducer.ApplyBoundary(closed, working: true, turnId: 0, time: 100).Open, Is.False, "fixed");
        using (MutantSwitches.Arm(Mutant.RelayStaleKeepAliveReopensTurn))
        {
            Assert.That(AccountReducer.ApplyBoundary(closed, working: true, turnId: 0, time: 100).Open, Is.True, "armed: the stale keep-alive wins");
        }
    }

    [Test]
    public async Task LateDisconnectMutantMarksTheReconnectedSessionOffline()
    {
        await using var relay = new RelayHarness();
        var sid = await relay.CreateSessionAsync();
        var oldSocket = await relay.SessionSocketAsync(sid);
        await relay.SessionSocketAsync(sid);
        using (MutantSwitches.Arm(Mutant.RelayLateDisconnectMarksOffline))
        {
            await relay.Server.OnDisconnectedAsync(oldSocket, "ping timeout");
            await relay.SettleAsync();
        }

        Assert.That(relay.Server.GetAccount(RelayHarness.Account).State.Sessions[sid].Active, Is.False);
    }
}
