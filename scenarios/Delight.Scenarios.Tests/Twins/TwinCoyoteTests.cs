using System.Globalization;
using Delight.Runtime.Agents;
using Delight.Sim.Exploration;
using Delight.Sim.Fakes;
using Delight.Sim.Fakes.Twins;
using Delight.Sim.Invariants;
using Delight.Sim.Swarm;
using NUnit.Framework;

namespace Delight.Scenarios.Tests.Twins;

/// <summary>Each engine twin under Coyote's TestingEngine with a trivial host: local start and stop, a remote start,
/// phone messages sent in order while an abort lands at a drawn moment, prompts decided after drawn delays (or by the
/// twin's own timeout), crashes and slow sends from the swarm, then stop and dispose. No invariant may fail, no task
/// may be left blocked (a deadlock), and every prompt must be resolved.</summary>
[TestFixture]
public sealed class TwinCoyoteTests
{
    private string _out = string.Empty;

    [SetUp]
    public void SetUp()
    {
        Explorer.OptOutOfTelemetry();
        _out = Path.Combine(Path.GetTempPath(), "delight-sim-twins-" + TestContext.CurrentContext.Test.ID);
    }

    [TearDown]
    public void TearDown()
    {
        // A failing run keeps its bug file and report for inspection.
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Passed && Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }

    [NUnit.Framework.Test]
    public void EveryTwinRunsUnderCoyoteWithoutBugOrDeadlock([Values] EngineKind kind)
    {
        var scenario = new TwinDriveScenario(kind);
        var outcome = Explorer.Explore(scenario, new ExploreOptions(60, 17, Strategy.Random, _out));
        Assert.That(outcome.BugFound, Is.False, outcome.Message + " (report: " + outcome.ReportPath + ")");
        Assert.That(outcome.IterationsRun, Is.EqualTo(60));
        Assert.That(scenario.Completed, Is.EqualTo(60), "every iteration ran to its end checks");
    }

    /// <summary>Every draw and wait of a twin is under Coyote's control: the same seed gives the same event log.</summary>
    [NUnit.Framework.Test]
    public void EveryTwinGivesTheSameLogOnTheSameSeed([Values] EngineKind kind)
    {
        var outcome = Explorer.Explore(new TwinDriveScenario(kind), new ExploreOptions(15, 5, Strategy.Random, _out, CheckDeterminism: true));
        Assert.That(outcome.FailingInvariant, Is.Not.EqualTo(InvariantNames.HarnessDeterminism), outcome.Message);
        Assert.That(outcome.BugFound, Is.False, outcome.Message);
    }

    private sealed class TwinDriveScenario(EngineKind kind) : IScenario
    {
        private int _completed;

        public int Completed => Volatile.Read(ref _completed);

        public string Name => "twin-" + kind.ToString().ToLowerInvariant();

        public string Description => "drives the " + kind + " twin through starts, sends, aborts, prompts, crashes and stops";

        public IReadOnlyList<string> Invariants => [InvariantNames.AtMostOneRunner, InvariantNames.PhoneMessagesAtMostOnceInOrder];

        public SwarmProfile Profile => SwarmProfile.AgentCrash | SwarmProfile.SlowAgent;

        public async Task RunAsync(SimContext context)
        {
            var clock = context.ClockDriver.RunAsync();
            var host = new TrivialHost(context);
            var script = new AgentScript
            {
                Twin = kind,
                PermissionPercent = 50,
                PermissionTimeout = TimeSpan.FromSeconds(2 + context.Random.NextInt(4)),
                LateExitDelivery = context.Random.NextBool(),
                LocalInjection = context.Random.NextBool(),
            };
            var twin = EngineTwins.Create(kind, context, host, script);
            await twin.StartAsync(new AgentStartSpec(1, AgentMode.Local, "/work", null, null, AgentConfig.Empty), CancellationToken.None);
            await twin.InjectLineAsync(1, "p1-0", CancellationToken.None);
            await twin.StopAsync(AgentMode.Local, 1, CancellationToken.None);
            var started = true;
            try
            {
                await twin.StartAsync(new AgentStartSpec(2, AgentMode.Remote, "/work", null, null, AgentConfig.Empty), CancellationToken.None);
            }
            catch (TwinStartException)
            {
                started = false;
            }

            var aborter = Task.Run(async () =>
            {
                await TwinClock.DelayAsync(context.Clock, TimeSpan.FromMilliseconds(context.Random.Between(0, 3000)), CancellationToken.None);
                await twin.AbortAsync(2, CancellationToken.None);
            });
            var messages = context.Random.Between(1, 3);
            for (var i = 0; i < messages && started; i++)
            {
                try
                {
                    var text = string.Create(CultureInfo.InvariantCulture, $"p0-{i}");
                    await twin.SendUserMessageAsync(2, new AgentUserMessage(text, null, "local-" + i, 0), CancellationToken.None);
                }
                catch (InvalidOperationException)
                {
                    // The runner crashed (Claude, Codex) or the request failed (ACP): the runtime would see a failed send.
                }
            }

            await aborter;
            await TwinClock.DelayAsync(context.Clock, TimeSpan.FromMilliseconds(context.Random.Between(0, 4000)), CancellationToken.None);
            await twin.StopAsync(AgentMode.Remote, 2, CancellationToken.None);
            await twin.DisposeAsync();
            context.Invariants.Check(twin.AliveGenerations.Count == 0, InvariantNames.NoRunnerAfterShutdown, "a runner is alive after dispose");
            context.Invariants.Check(host.Unresolved == 0, InvariantNames.PermissionEventuallyResolved, $"{host.Unresolved} prompts never resolved");
            // ClockDriver.Stop races with a driver that has just checked its flag and is about to wait for an armed
            // timer (Wake finds no waiter; the driver then waits forever). A periodic timer keeps one armed until the
            // driver has seen the stop.
            using (context.Clock.CreateTimer(_ => { }, null, TimeSpan.FromHours(1), TimeSpan.FromHours(1)))
            {
                context.ClockDriver.Stop();
                await clock;
            }
            Interlocked.Increment(ref _completed);
        }
    }

    /// <summary>Records nothing; answers each prompt after a drawn delay (sometimes longer than the twin's timeout),
    /// and honours withdrawal.</summary>
    private sealed class TrivialHost(SimContext context) : IAgentHost
    {
        private int _open;

        public int Unresolved => Volatile.Read(ref _open);

        public ValueTask ReportAsync(AgentEvent agentEvent, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public async Task<PermissionDecision> AwaitPermissionAsync(PermissionAsk ask, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _open);
            try
            {
                var decided = await TwinClock.DelayAsync(context.Clock, TimeSpan.FromMilliseconds(context.Random.Between(0, 6000)), cancellationToken);
                cancellationToken.ThrowIfCancellationRequested();
                return decided ? new PermissionDecision(context.Random.NextBool(), "sim") : throw new OperationCanceledException(cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _open);
            }
        }
    }
}
