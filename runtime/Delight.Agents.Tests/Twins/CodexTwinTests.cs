using Delight.Agents.Codex;
using Delight.Agents.Tests.Support;
using Delight.Runtime.Agents;
using Delight.Sim.Fakes.Twins;
using NUnit.Framework;

namespace Delight.Agents.Tests.Twins;

/// <summary>The Codex twin against <see cref="CodexAppServerEngine"/> driving the app-server stub.</summary>
[TestFixture]
[Parallelizable(ParallelScope.Self)]
public sealed class CodexTwinTests
{
    private const string SessionId = "1 Remote session-id";
    private const string Ready = "1 Remote ready";
    private const string On = "1 Remote working on";
    private const string Off = "1 Remote working off";
    private const string ThinkingOn = "1 Remote ui thinking update running";
    private const string ThinkingOff = "1 Remote ui thinking end ok";
    private const string Reply = "1 Remote record assistant";
    private const string StillWorking = "Codex is still working on the previous request. Press Stop to abort, then retry.";

    private TempDirectory _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new TempDirectory();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    /// <param name="turnStarted">The send's wait for <c>turn/started</c> (10 s; shortened to keep the late-start test quick).</param>
    private static RealRig Real(TimeSpan? turnStarted = null) => new(host => new CodexAppServerEngine(host, new CodexAppServerOptions(StubLocator.DotnetHost, StubLocator.Prefix("codex-app-server"))
    {
        InterruptGrace = TimeSpan.FromSeconds(3),
        TurnStartedTimeout = turnStarted ?? TimeSpan.FromSeconds(10),
    }));

    private AgentStartSpec Spec(string? resume = null) => new(1, AgentMode.Remote, _dir.Path, resume, null, AgentConfig.Empty);

    private static AgentUserMessage Message(string text) => new(text, null, "local-" + text, 0);

    private static async Task BothAsync(Func<EngineRig, Task> script, IReadOnlyList<string> expected, TimeSpan? turnStarted = null)
    {
        IReadOnlyList<string> real;
        await using (var rig = Real(turnStarted))
        {
            await script(rig);
            real = rig.Host.Trace;
        }

        await using (var rig = new TwinRig(EngineKind.Codex))
        {
            await script(rig);
            Assert.That(rig.Host.Trace, Is.EqualTo(real), "the twin diverges from the real engine");
        }

        Assert.That(real, Is.EqualTo(expected), "the real engine's sequence changed: update the twin's profile");
    }

    private async Task StartAsync(EngineRig rig, string? resume = null) =>
        await rig.CompleteAsync(rig.Engine.StartAsync(Spec(resume), CancellationToken.None), "start");

    private static Task SendAsync(EngineRig rig, string text) =>
        rig.CompleteAsync(rig.Engine.SendUserMessageAsync(1, Message(text), CancellationToken.None), "send " + text);

    [Test]
    public async Task StartIdentifiesTheThreadTwiceThenReady() =>
        await BothAsync(rig => StartAsync(rig), [SessionId, SessionId, Ready]);

    [Test]
    public async Task ResumeIdentifiesTheThreadOnce() =>
        await BothAsync(rig => StartAsync(rig, "thr_9"), [SessionId, Ready]);

    [Test]
    public async Task TurnWithOutput() =>
        await BothAsync(
            async rig =>
            {
                await StartAsync(rig);
                await SendAsync(rig, "hello");
                await rig.WorkingOffAsync();
            },
            [SessionId, SessionId, Ready, On, ThinkingOn, Reply, Off, ThinkingOff]);

    [Test]
    public async Task AskIsAnOrdinaryTurnWithNoPrompt() =>
        await BothAsync(
            async rig =>
            {
                await StartAsync(rig);
                await SendAsync(rig, "ask ls");
                await rig.WorkingOffAsync();
                Assert.That(rig.Host.Asks, Is.Empty, rig.Name);
            },
            [SessionId, SessionId, Ready, On, ThinkingOn, Reply, Off, ThinkingOff]);

    [Test]
    public async Task BusyTurnIsRejectedVisiblyAndAbortInterruptsIt() =>
        await BothAsync(
            async rig =>
            {
                await StartAsync(rig);
                await SendAsync(rig, "hang");
                Assert.That(rig.Host.Trace, Does.Not.Contain(Off), rig.Name + ": the send returns once the turn started");
                await SendAsync(rig, "second");
                var rejection = rig.Host.Events.OfType<AgentOutboundRecord>().Single();
                Assert.That(ConformanceHost.RecordText(rejection.RecordJson), Is.EqualTo(StillWorking), rig.Name);
                await rig.CompleteAsync(rig.Engine.AbortAsync(1, CancellationToken.None), "abort");
                await rig.WorkingOffAsync();
                await SendAsync(rig, "next");
                await rig.WorkingOffAsync(2);
            },
            [SessionId, SessionId, Ready, On, ThinkingOn, Reply, Off, ThinkingOff, On, ThinkingOn, Reply, Off, ThinkingOff]);

    /// <summary>The stub's <c>late 3000</c> sends <c>turn/started</c> after the bound (1 s here, 10 s in the twin): the send fails visibly, and
    /// the turn still starts (working on) until an abort interrupts it.</summary>
    [Test]
    public async Task LateTurnStartedFailsTheSendVisiblyAndTheTurnStillStarts() =>
        await BothAsync(
            async rig =>
            {
                await StartAsync(rig);
                await rig.CompleteOrMarkAsync(rig.Engine.SendUserMessageAsync(1, Message("late 3000"), CancellationToken.None), "send");
                var failure = rig.Host.Events.OfType<AgentOutboundRecord>().Single();
                Assert.That(ConformanceHost.RecordText(failure.RecordJson), Does.StartWith("Remote Codex request failed: timed out waiting for turn/started"), rig.Name);
                await rig.UntilAsync(() => rig.Host.Trace.Contains(On), "late turn/started");
                await rig.CompleteAsync(rig.Engine.AbortAsync(1, CancellationToken.None), "abort");
                await rig.WorkingOffAsync();
            },
            [SessionId, SessionId, Ready, Reply, "send failed", On, ThinkingOn, Off, ThinkingOff],
            TimeSpan.FromSeconds(1));

    [Test]
    public async Task StopClearsWorkingWithNoExit() =>
        await BothAsync(
            async rig =>
            {
                await StartAsync(rig);
                await SendAsync(rig, "hang");
                await rig.CompleteAsync(rig.Engine.StopAsync(AgentMode.Remote, 1, CancellationToken.None), "stop");
                await rig.CompleteOrMarkAsync(rig.Engine.SendUserMessageAsync(1, Message("late"), CancellationToken.None), "send");
            },
            [SessionId, SessionId, Ready, On, ThinkingOn, Off, ThinkingOff, "send failed"]);

    [Test]
    public async Task AppServerDeathMidTurnIsAnExit() =>
        await BothAsync(
            async rig =>
            {
                await StartAsync(rig);
                await SendAsync(rig, "crash");
                await rig.UntilAsync(() => rig.Host.Events.OfType<AgentExited>().Any(), "exit");
                await rig.CompleteOrMarkAsync(rig.Engine.SendUserMessageAsync(1, Message("again"), CancellationToken.None), "send");
            },
            [SessionId, SessionId, Ready, On, ThinkingOn, Off, ThinkingOff, "1 Remote exited", "send failed"]);
}
