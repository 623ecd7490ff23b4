using Delight.Agents.Fake;
using Delight.Runtime.Agents;
using Delight.Sim.Fakes.Twins;
using NUnit.Framework;

namespace Delight.Agents.Tests.Twins;

/// <summary>The fake twin against <see cref="FakeEngine"/>.</summary>
[TestFixture]
public sealed class FakeTwinTests
{
    private static AgentStartSpec Spec(long generation, AgentMode mode = AgentMode.Remote) => new(generation, mode, "/p", null, null, AgentConfig.Empty);

    private static AgentUserMessage Message(string text) => new(text, null, "local-" + text.Trim(), 0);

    private static async Task BothAsync(Func<EngineRig, Task> script, IReadOnlyList<string> expected)
    {
        IReadOnlyList<string> real;
        await using (var rig = new RealRig(host => new FakeEngine(host)))
        {
            await script(rig);
            real = rig.Host.Trace;
        }

        await using (var rig = new TwinRig(EngineKind.Fake))
        {
            await script(rig);
            Assert.That(rig.Host.Trace, Is.EqualTo(real), "the twin diverges from the real engine");
        }

        Assert.That(real, Is.EqualTo(expected), "the real engine's sequence changed: update the twin's profile");
    }

    [Test]
    public async Task StartIsReadyInEitherMode() =>
        await BothAsync(
            async rig =>
            {
                await rig.CompleteAsync(rig.Engine.StartAsync(Spec(1, AgentMode.Local), CancellationToken.None), "start local");
                await rig.CompleteAsync(rig.Engine.StopAsync(AgentMode.Local, 1, CancellationToken.None), "stop local");
                await rig.CompleteAsync(rig.Engine.StartAsync(Spec(2), CancellationToken.None), "start remote");
            },
            ["1 Local ready", "2 Remote ready"]);

    [Test]
    public async Task SendIsASynchronousEcho() =>
        await BothAsync(
            async rig =>
            {
                await rig.CompleteAsync(rig.Engine.StartAsync(Spec(3), CancellationToken.None), "start");
                var send = rig.Engine.SendUserMessageAsync(3, Message("  ping \n"), CancellationToken.None);
                Assert.That(send.IsCompleted, Is.True, rig.Name + ": synchronous");
                await send;
                await rig.CompleteAsync(rig.Engine.SendUserMessageAsync(3, Message("   "), CancellationToken.None), "blank");
                var record = rig.Host.Events.OfType<AgentOutboundRecord>().Single();
                Assert.That(ConformanceHost.RecordText(record.RecordJson), Is.EqualTo("fake-agent: ping"), rig.Name);
                Assert.That(record.RecordJson, Does.Contain("\"model\":\"fake-agent\"").And.Contain("\"uuid\":\"" + record.LocalId + "\""), rig.Name);
            },
            ["3 Remote ready", "3 Remote working on", "3 Remote record assistant", "3 Remote working off"]);

    [Test]
    public async Task AbortAndStopReportNothingAndStopEndsRemote() =>
        await BothAsync(
            async rig =>
            {
                await rig.CompleteAsync(rig.Engine.StartAsync(Spec(1), CancellationToken.None), "start");
                await rig.CompleteAsync(rig.Engine.AbortAsync(1, CancellationToken.None), "abort");
                await rig.CompleteAsync(rig.Engine.StopAsync(AgentMode.Remote, 1, CancellationToken.None), "stop");
                await rig.CompleteOrMarkAsync(rig.Engine.SendUserMessageAsync(1, Message("x"), CancellationToken.None), "send");
            },
            ["1 Remote ready", "send failed"]);
}
