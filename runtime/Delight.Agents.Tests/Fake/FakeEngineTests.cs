using Delight.Agents.Common;
using Delight.Agents.Fake;
using Delight.Agents.Tests.Support;
using Delight.Runtime.Agents;
using NUnit.Framework;

namespace Delight.Agents.Tests.Fake;

[TestFixture]
public sealed class FakeEngineTests
{
    private static AgentStartSpec Spec(long generation, AgentMode mode = AgentMode.Remote) => new(generation, mode, "/p", null, null, AgentConfig.Empty);

    [Test]
    public async Task StartReportsReadyInEitherMode()
    {
        var host = new RecordingAgentHost();
        await using var engine = new FakeEngine(host);
        await engine.StartAsync(Spec(1, AgentMode.Local), CancellationToken.None);
        await engine.StartAsync(Spec(2), CancellationToken.None);
        Assert.That(host.Events, Is.EqualTo(new AgentEvent[] { new AgentReady(1, AgentMode.Local), new AgentReady(2, AgentMode.Remote) }));
    }

    [Test]
    public async Task SendEchoesBetweenWorkingTrueAndFalse()
    {
        var host = new RecordingAgentHost();
        await using var engine = new FakeEngine(host);
        await engine.StartAsync(Spec(3), CancellationToken.None);
        await engine.SendUserMessageAsync(3, new AgentUserMessage("  ping \n", null, "l1", 0), CancellationToken.None);

        var events = host.Events.Skip(1).ToList();
        Assert.That(events, Has.Count.EqualTo(3));
        Assert.That(events[0], Is.InstanceOf<AgentWorking>().With.Property(nameof(AgentWorking.Working)).True);
        var record = (AgentOutboundRecord)events[1];
        Assert.That(RecordingAgentHost.RecordText(record.RecordJson), Is.EqualTo("fake-agent: ping"));
        Assert.That(record.RecordJson, Does.Contain("\"model\":\"fake-agent\"").And.Contain("\"uuid\":\"" + record.LocalId + "\""));
        Assert.That(events[2], Is.InstanceOf<AgentWorking>().With.Property(nameof(AgentWorking.Working)).False);
        Assert.That(events.All(e => e.Generation == 3), Is.True);
    }

    [Test]
    public async Task BlankTextEmitsNothing()
    {
        var host = new RecordingAgentHost();
        await using var engine = new FakeEngine(host);
        await engine.StartAsync(Spec(1), CancellationToken.None);
        await engine.SendUserMessageAsync(1, new AgentUserMessage("   ", null, "l1", 0), CancellationToken.None);
        Assert.That(host.Events, Has.Length.EqualTo(1));
    }

    [Test]
    public async Task SendWithoutRemoteFailsClearly()
    {
        var host = new RecordingAgentHost();
        await using var engine = new FakeEngine(host);
        await engine.StartAsync(Spec(1, AgentMode.Local), CancellationToken.None);
        var ex = Assert.ThrowsAsync<AgentNotRunningException>(() => engine.SendUserMessageAsync(1, new AgentUserMessage("x", null, "l", 0), CancellationToken.None));
        Assert.That(ex!.Message, Is.EqualTo("fake remote mode not active"));
    }

    [Test]
    public async Task AbortAndConfigChangeAreAcceptedWithoutEvents()
    {
        var host = new RecordingAgentHost();
        await using var engine = new FakeEngine(host);
        await engine.StartAsync(Spec(1), CancellationToken.None);
        await engine.AbortAsync(1, CancellationToken.None);
        await engine.ApplyConfigAsync(1, new AgentConfig("m"), CancellationToken.None);
        Assert.That(host.Events, Has.Length.EqualTo(1));
        Assert.That(engine.CurrentConfig, Is.EqualTo(AgentConfig.Empty));
    }

    [Test]
    public async Task StopEmitsNothingAndDeactivatesRemote()
    {
        var host = new RecordingAgentHost();
        await using var engine = new FakeEngine(host);
        await engine.StartAsync(Spec(1), CancellationToken.None);
        await engine.StopAsync(AgentMode.Remote, 1, CancellationToken.None);
        Assert.That(host.Events, Has.Length.EqualTo(1));
        Assert.ThrowsAsync<AgentNotRunningException>(() => engine.SendUserMessageAsync(1, new AgentUserMessage("x", null, "l", 0), CancellationToken.None));
    }
}
