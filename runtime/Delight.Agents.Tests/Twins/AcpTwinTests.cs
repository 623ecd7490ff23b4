using Delight.Agents.Acp;
using Delight.Agents.Tests.Acp;
using Delight.Agents.Tests.Support;
using Delight.Runtime.Agents;
using Delight.Sim.Fakes.Twins;
using NUnit.Framework;

namespace Delight.Agents.Tests.Twins;

/// <summary>The ACP twin against <see cref="AcpEngine"/> talking to the loopback ACP server.</summary>
[TestFixture]
[Parallelizable(ParallelScope.Self)]
public sealed class AcpTwinTests
{
    private const string Ready = "1 Remote ready";
    private const string On = "1 Remote working on";
    private const string Off = "1 Remote working off";
    private const string Reply = "1 Remote record assistant";

    private TempDirectory _home = null!;

    [SetUp]
    public void SetUp() => _home = new TempDirectory();

    [TearDown]
    public void TearDown() => _home.Dispose();

    private RealRig Real()
    {
        var server = new AcpStubServer();
        var http = new HttpClient();
        return new RealRig(
            host => new AcpEngine(host, new AcpEngineOptions(server.BaseUrl + "/", "test-agent", "c1767034856000000000", _home.Path) { PollInterval = TimeSpan.FromMilliseconds(50) }, http),
            async () =>
            {
                http.Dispose();
                await server.DisposeAsync();
            });
    }

    private static AgentStartSpec Spec(AgentMode mode = AgentMode.Remote) => new(1, mode, "/p", null, null, AgentConfig.Empty);

    private static AgentUserMessage Message(string text) => new(text, null, "local-" + text, 0);

    private async Task BothAsync(Func<EngineRig, Task> script, IReadOnlyList<string> expected)
    {
        IReadOnlyList<string> real;
        await using (var rig = Real())
        {
            await script(rig);
            real = rig.Host.Trace;
        }

        await using (var rig = new TwinRig(EngineKind.Acp))
        {
            await script(rig);
            Assert.That(rig.Host.Trace, Is.EqualTo(real), "the twin diverges from the real engine");
        }

        Assert.That(real, Is.EqualTo(expected), "the real engine's sequence changed: update the twin's profile");
    }

    private static Task StartAsync(EngineRig rig, AgentMode mode = AgentMode.Remote) =>
        rig.CompleteAsync(rig.Engine.StartAsync(Spec(mode), CancellationToken.None), "start");

    [Test]
    public async Task StartIsReadyAtOnceInEitherMode() =>
        await BothAsync(
            async rig =>
            {
                await StartAsync(rig, AgentMode.Local);
                await rig.CompleteAsync(rig.Engine.StopAsync(AgentMode.Local, 1, CancellationToken.None), "stop local");
                await StartAsync(rig);
            },
            ["1 Local ready", Ready]);

    [Test]
    public async Task TurnWithOutputBlocksTheSend() =>
        await BothAsync(
            async rig =>
            {
                await StartAsync(rig);
                await rig.CompleteAsync(rig.Engine.SendUserMessageAsync(1, Message("hello"), CancellationToken.None), "send");
                Assert.That(rig.Host.Trace[^1], Is.EqualTo(Off), rig.Name + ": the send returns with the turn over");
            },
            [Ready, On, Reply, Off]);

    [Test]
    public async Task PermissionRoundTripBlocksTheSendUntilDecided() =>
        await BothAsync(
            async rig =>
            {
                await StartAsync(rig);
                var send = rig.Engine.SendUserMessageAsync(1, Message("ping"), CancellationToken.None);
                var ask = await rig.AskAsync();
                Assert.That(send.IsCompleted, Is.False, rig.Name + ": the send waits through the prompt");
                Assert.That(ask.RequestId, Does.StartWith("acp-"), rig.Name);
                Assert.That(ask.InputJson, Is.EqualTo("{\"await\":{\"reason\":\"permission\"}}"), rig.Name);
                rig.Host.Answer(ask.RequestId, allow: true, "ok");
                await rig.CompleteAsync(send, "send");
                Assert.That(ConformanceHost.RecordText(rig.Host.Events.OfType<AgentOutboundRecord>().Single().RecordJson), Is.EqualTo("acp: ping (ok)"), rig.Name);
            },
            [Ready, On, "1 ask acp.await", Reply, Off]);

    [Test]
    public async Task AbortDuringThePromptWithdrawsItAndEndsTheTurn() =>
        await BothAsync(
            async rig =>
            {
                await StartAsync(rig);
                var send = rig.Engine.SendUserMessageAsync(1, Message("ping"), CancellationToken.None);
                var ask = await rig.AskAsync();
                await rig.CompleteAsync(rig.Engine.AbortAsync(1, CancellationToken.None), "abort");
                await rig.CompleteAsync(send, "send");
                Assert.That(rig.Host.Withdrawn, Is.EqualTo(new[] { ask.RequestId }), rig.Name);
            },
            [Ready, On, "1 ask acp.await", Off]);

    [Test]
    public async Task StopEndsTheTurnWithNoExit() =>
        await BothAsync(
            async rig =>
            {
                await StartAsync(rig);
                var send = rig.Engine.SendUserMessageAsync(1, Message("forever"), CancellationToken.None);
                await rig.UntilAsync(() => rig.Host.Trace.Contains(On), "turn under way");
                await rig.CompleteAsync(rig.Engine.StopAsync(AgentMode.Remote, 1, CancellationToken.None), "stop");
                await rig.CompleteAsync(send, "send");
                await rig.CompleteOrMarkAsync(rig.Engine.SendUserMessageAsync(1, Message("late"), CancellationToken.None), "send");
            },
            [Ready, On, Off, "send failed"]);

    [Test]
    public async Task ServerCrashMidTurnFailsTheSendVisibly() =>
        await BothAsync(
            async rig =>
            {
                await StartAsync(rig);
                await rig.CompleteOrMarkAsync(rig.Engine.SendUserMessageAsync(1, Message("crash"), CancellationToken.None), "send");
                Assert.That(ConformanceHost.RecordText(rig.Host.Events.OfType<AgentOutboundRecord>().Single().RecordJson), Does.StartWith("ACP turn failed: acp re"), rig.Name);
            },
            [Ready, On, Reply, Off, "send failed"]);
}
