using Delight.Runtime.Mutants;
using NUnit.Framework;

namespace Delight.Runtime.Tests.Sdk;

[NonParallelizable]
public sealed class SdkMutantTests
{
    [Test]
    public async Task StaleSendGateMutantLetsTwoQuickSendsThrough()
    {
        await using var world = await SdkWorld.CreateAsync();
        var sid = world.Sessions[0];
        using (MutantSwitches.Arm(Mutant.SdkStaleSendGate))
        {
            var first = world.Client.SendMessageAsync(sid, "m1");
            var second = world.Client.SendMessageAsync(sid, "m2");
            Assert.That(((await first).Sent, (await second).Sent), Is.EqualTo((true, true)), "upstream's stale gate (3.10-H)");
        }
    }
}
