using Delight.Agents.Claude;
using Delight.Agents.Tests.Support;
using Delight.Runtime.Agents;
using Delight.Sim.Fakes.Twins;
using NUnit.Framework;

namespace Delight.Agents.Tests.Twins;

/// <summary>The Claude remote twin against <see cref="ClaudeRemoteEngine"/> driving the bridge stub: the same script,
/// the same normalized event sequence.</summary>
[TestFixture]
[Parallelizable(ParallelScope.Self)]
public sealed class ClaudeRemoteTwinTests
{
    private const string Ready = "1 Remote ready";
    private const string On = "1 Remote working on";
    private const string Off = "1 Remote working off";
    private const string ThinkingOn = "1 Remote ui thinking update running";
    private const string ThinkingOff = "1 Remote ui thinking end ok";
    private const string SessionId = "1 Remote session-id";
    private const string Reply = "1 Remote record assistant";

    private TempDirectory _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new TempDirectory();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private RealRig Real() => new(host => new ClaudeRemoteEngine(host, new ClaudeRemoteOptions(StubLocator.DotnetHost, StubLocator.Prefix("claude-bridge"))));

    private static TwinRig Twin() => new(EngineKind.Claude);

    private AgentStartSpec Spec(string? resume = null) => new(1, AgentMode.Remote, _dir.Path, resume, null, AgentConfig.Empty);

    private static AgentUserMessage Message(string text) => new(text, null, "local-" + text, 0);

    private async Task<IReadOnlyList<string>> BothAsync(Func<EngineRig, Task> script, IReadOnlyList<string> expected)
    {
        IReadOnlyList<string> real;
        await using (var rig = Real())
        {
            await script(rig);
            real = rig.Host.Trace;
        }

        await using (var rig = Twin())
        {
            await script(rig);
            Assert.That(rig.Host.Trace, Is.EqualTo(real), "the twin diverges from the real engine");
        }

        Assert.That(real, Is.EqualTo(expected), "the real engine's sequence changed: update the twin's profile");
        return real;
    }

    private async Task StartAsync(EngineRig rig, string? resume = null) =>
        await rig.CompleteAsync(rig.Engine.StartAsync(Spec(resume), CancellationToken.None), "start");

    [Test]
    public async Task StartReportsReady() =>
        await BothAsync(rig => StartAsync(rig), [Ready]);

    [Test]
    public async Task StartWithResumeTokenIdentifiesTheSessionBeforeReady() =>
        await BothAsync(rig => StartAsync(rig, "S-old"), [SessionId, Ready]);

    [Test]
    public async Task TurnWithOutput() =>
        await BothAsync(
            async rig =>
            {
                await StartAsync(rig);
                await rig.CompleteAsync(rig.Engine.SendUserMessageAsync(1, Message("hello"), CancellationToken.None), "send");
                await rig.WorkingOffAsync();
            },
            [Ready, On, ThinkingOn, SessionId, Reply, Off, ThinkingOff]);

    [Test]
    public async Task QueuedMessagesRunOneTurnEachAndWorkingStaysOnUntilTheLast() =>
        await BothAsync(
            async rig =>
            {
                await StartAsync(rig);
                foreach (var text in new[] { "one", "two", "three" })
                {
                    await rig.CompleteAsync(rig.Engine.SendUserMessageAsync(1, Message(text), CancellationToken.None), "send " + text);
                }

                await rig.WorkingOffAsync();
                var texts = rig.Host.Events.OfType<AgentOutboundRecord>().Select(r => ConformanceHost.RecordText(r.RecordJson)).ToList();
                Assert.That(texts.Select(t => t[(t.IndexOf(' ', StringComparison.Ordinal) + 1)..]), Is.EqualTo(new[] { "one", "two", "three" }), rig.Name + ": FIFO, one per turn");
            },
            [Ready, On, ThinkingOn, SessionId, Reply, Reply, Reply, Off, ThinkingOff]);

    [Test]
    public async Task PermissionRoundTripAllow() =>
        await BothAsync(
            async rig =>
            {
                await StartAsync(rig);
                await rig.CompleteAsync(rig.Engine.SendUserMessageAsync(1, Message("ask ls"), CancellationToken.None), "send");
                var ask = await rig.AskAsync();
                Assert.That(ask.ToolName, Is.EqualTo("Bash"), rig.Name);
                Assert.That(ask.InputJson, Does.Contain("\"command\":\"ls\""), rig.Name);
                rig.Host.Answer(ask.RequestId, allow: true, "go");
                await rig.WorkingOffAsync();
            },
            [Ready, On, ThinkingOn, SessionId, "1 Remote ui tool start running", Reply, "1 ask Bash",
             "1 Remote ui tool end ok", "1 Remote record user", Reply, Off, ThinkingOff]);

    [Test]
    public async Task PermissionRoundTripDeny() =>
        await BothAsync(
            async rig =>
            {
                await StartAsync(rig);
                await rig.CompleteAsync(rig.Engine.SendUserMessageAsync(1, Message("ask rm"), CancellationToken.None), "send");
                var ask = await rig.AskAsync();
                rig.Host.Answer(ask.RequestId, allow: false, "not now");
                await rig.WorkingOffAsync();
                var last = rig.Host.Events.OfType<AgentOutboundRecord>().Last();
                Assert.That(ConformanceHost.RecordText(last.RecordJson), Is.EqualTo("Permission denied: not now"), rig.Name);
            },
            [Ready, On, ThinkingOn, SessionId, "1 Remote ui tool start running", Reply, "1 ask Bash",
             "1 Remote ui tool end error", "1 Remote record user", Reply, Off, ThinkingOff]);

    /// <summary>Abort during a prompt: ours withdraws the prompt and writes the withdrawal's deny and the abort line to
    /// the bridge from two tasks, so the aborted turn either ends silently or finishes with the denial (no working
    /// change either way). The twin draws which; both must produce one of the two sequences.</summary>
    [Test]
    public async Task AbortWithdrawsThePromptClearsWorkingAndTheQueueGoesOn()
    {
        string[] before = [Ready, On, ThinkingOn, SessionId, "1 Remote ui tool start running", Reply, "1 ask Bash", Off, ThinkingOff];
        string[] after = [On, ThinkingOn, Reply, Off, ThinkingOff];
        string[] denial = ["1 Remote ui tool end error", "1 Remote record user", Reply];
        string[][] allowed = [[.. before, .. after], [.. before, .. denial, .. after]];

        async Task ScriptAsync(EngineRig rig)
        {
            await StartAsync(rig);
            await rig.CompleteAsync(rig.Engine.SendUserMessageAsync(1, Message("ask ls"), CancellationToken.None), "send");
            var ask = await rig.AskAsync();
            await rig.CompleteAsync(rig.Engine.AbortAsync(1, CancellationToken.None), "abort");
            await rig.UntilAsync(() => rig.Host.Withdrawn.Contains(ask.RequestId), "withdrawn");
            await rig.SettleAsync(); // a denial's output, if any, arrives before the next message is sent
            await rig.CompleteAsync(rig.Engine.SendUserMessageAsync(1, Message("after"), CancellationToken.None), "send after");
            await rig.WorkingOffAsync(2);
            await rig.UntilAsync(() => rig.Host.Trace.Count(t => t == ThinkingOff) >= 2, "turn over");
        }

        await using (var real = Real())
        {
            await ScriptAsync(real);
            Assert.That(allowed, Has.Some.EqualTo(real.Host.Trace), "real: " + string.Join(", ", real.Host.Trace));
        }

        await using var twin = Twin();
        await ScriptAsync(twin);
        Assert.That(allowed, Has.Some.EqualTo(twin.Host.Trace), "twin: " + string.Join(", ", twin.Host.Trace));
    }

    [Test]
    public async Task StopRunsTheKillSequenceAndReportsTheExit() =>
        await BothAsync(
            async rig =>
            {
                await StartAsync(rig);
                await rig.CompleteAsync(rig.Engine.StopAsync(AgentMode.Remote, 1, CancellationToken.None), "stop");
                await rig.UntilAsync(() => rig.Host.Events.OfType<AgentExited>().Any(), "exit");
                await rig.CompleteOrMarkAsync(rig.Engine.SendUserMessageAsync(1, Message("late"), CancellationToken.None), "send");
            },
            [Ready, "1 Remote exited", "send failed"]);

    [Test]
    public async Task StopMidTurnClearsWorkingBeforeTheExit() =>
        await BothAsync(
            async rig =>
            {
                await StartAsync(rig);
                await rig.CompleteAsync(rig.Engine.SendUserMessageAsync(1, Message("hang"), CancellationToken.None), "send");
                await rig.UntilAsync(() => rig.Host.Trace.Contains(SessionId), "turn under way");
                await rig.CompleteAsync(rig.Engine.StopAsync(AgentMode.Remote, 1, CancellationToken.None), "stop");
                await rig.UntilAsync(() => rig.Host.Events.OfType<AgentExited>().Any(), "exit");
            },
            [Ready, On, ThinkingOn, SessionId, Off, ThinkingOff, "1 Remote exited"]);

    [Test]
    public async Task CrashMidTurnIsAnExitAfterTheOutput() =>
        await BothAsync(
            async rig =>
            {
                await StartAsync(rig);
                await rig.CompleteAsync(rig.Engine.SendUserMessageAsync(1, Message("crash"), CancellationToken.None), "send");
                await rig.UntilAsync(() => rig.Host.Events.OfType<AgentExited>().Any(), "exit");
                await rig.CompleteOrMarkAsync(rig.Engine.SendUserMessageAsync(1, Message("again"), CancellationToken.None), "send");
            },
            [Ready, On, ThinkingOn, SessionId, Reply, Off, ThinkingOff, "1 Remote exited", "send failed"]);
}
