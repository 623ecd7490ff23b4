using System.Text.Json;
using Delight.Agents.Claude;
using Delight.Agents.Common;
using Delight.Agents.Tests.Support;
using Delight.Runtime.Agents;
using NUnit.Framework;

namespace Delight.Agents.Tests.Claude;

[TestFixture]
[Parallelizable(ParallelScope.Self)]
public sealed class ClaudeRemoteEngineTests
{
    private RecordingAgentHost _host = null!;
    private TempDirectory _dir = null!;
    private ClaudeRemoteEngine? _engine;

    [SetUp]
    public void SetUp()
    {
        _host = new RecordingAgentHost();
        _dir = new TempDirectory();
    }

    [TearDown]
    public async Task TearDown()
    {
        if (_engine is not null)
        {
            await _engine.DisposeAsync();
        }

        _dir.Dispose();
    }

    private string RecordFile => _dir.File("bridge-stdin.jsonl");

    private ClaudeRemoteEngine Engine(params string[] stubOptions)
    {
        _engine = new ClaudeRemoteEngine(_host, new ClaudeRemoteOptions(StubLocator.DotnetHost, StubLocator.Prefix("claude-bridge", ["--record", RecordFile, .. stubOptions])));
        return _engine;
    }

    private AgentStartSpec Spec(long generation, string? resume = null, AgentConfig? config = null) =>
        new(generation, AgentMode.Remote, _dir.Path, resume, null, config ?? AgentConfig.Empty);

    private static AgentUserMessage Message(string text, string? meta = null) => new(text, meta, "local-" + text, 0);

    [Test]
    public async Task StartReportsReadyWithTheStartGeneration()
    {
        var engine = Engine();
        await engine.StartAsync(Spec(7), CancellationToken.None);
        var ready = await _host.WaitForAsync<AgentReady>();
        Assert.That(ready, Is.EqualTo(new AgentReady(7, AgentMode.Remote)));
    }

    [Test]
    public async Task StartWithResumeTokenIdentifiesTheSessionBeforeReady()
    {
        var engine = Engine();
        await engine.StartAsync(Spec(1, resume: "S-old"), CancellationToken.None);
        var events = _host.Events;
        Assert.That(events, Has.Length.EqualTo(2));
        Assert.That(events[0], Is.EqualTo(new AgentSessionIdentified(1, AgentMode.Remote, "S-old")));
        Assert.That(events[1], Is.EqualTo(new AgentReady(1, AgentMode.Remote)));
    }

    [Test]
    public void StartFailsWithTheBridgeError()
    {
        var engine = Engine("--fail-start", "cli.js not found");
        var ex = Assert.ThrowsAsync<AgentStartException>(() => engine.StartAsync(Spec(1), CancellationToken.None));
        Assert.That(ex!.Message, Is.EqualTo("bridge error: bridge error: cli.js not found"));
        Assert.That(_host.Events, Is.Empty);
    }

    [Test]
    public void StartFailsWhenReadyNeverComesAndKillsTheBridge()
    {
        _engine = new ClaudeRemoteEngine(_host, new ClaudeRemoteOptions(StubLocator.DotnetHost, StubLocator.Prefix("claude-bridge", "--no-ready", "--record", RecordFile)) { StartTimeout = TimeSpan.FromSeconds(2) });
        Assert.ThrowsAsync<AgentStartException>(() => _engine.StartAsync(Spec(1), CancellationToken.None));
        Assert.That(_host.Events.OfType<AgentReady>(), Is.Empty);
    }

    [Test]
    public async Task TurnProducesRecordsSessionIdAndWorkingInOrder()
    {
        var engine = Engine();
        await engine.StartAsync(Spec(3), CancellationToken.None);
        await engine.SendUserMessageAsync(3, Message("hello"), CancellationToken.None);
        await _host.WaitForAsync<AgentWorking>(w => !w.Working);

        var events = _host.Events.Skip(1).ToList();
        Assert.That(events[0], Is.EqualTo(new AgentWorking(3, AgentMode.Remote, true, events[0] is AgentWorking w0 ? w0.AtMs : 0)));
        Assert.That(events[1], Is.InstanceOf<AgentUiEvent>().With.Property(nameof(AgentUiEvent.Phase)).EqualTo("update"));
        Assert.That(events[2], Is.EqualTo(new AgentSessionIdentified(3, AgentMode.Remote, "S1")));
        Assert.That(events[3], Is.InstanceOf<AgentOutboundRecord>());
        Assert.That(RecordingAgentHost.RecordText(((AgentOutboundRecord)events[3]).RecordJson), Is.EqualTo("stub: hello"));
        Assert.That(events[4], Is.InstanceOf<AgentWorking>().With.Property(nameof(AgentWorking.Working)).False);
        Assert.That(events[5], Is.InstanceOf<AgentUiEvent>().With.Property(nameof(AgentUiEvent.Phase)).EqualTo("end"));
        Assert.That(events.All(e => e.Generation == 3), Is.True);
    }

    [Test]
    public async Task QueuedMessagesAreAnsweredInOrderAndWorkingStaysOnUntilTheLastResult()
    {
        var engine = Engine();
        await engine.StartAsync(Spec(1), CancellationToken.None);
        await engine.SendUserMessageAsync(1, Message("one"), CancellationToken.None);
        await engine.SendUserMessageAsync(1, Message("two"), CancellationToken.None);
        await engine.SendUserMessageAsync(1, Message("three"), CancellationToken.None);
        await _host.WaitUntilAsync(() => _host.RecordTexts().Count == 3 ? "done" : null);
        await _host.WaitForAsync<AgentWorking>(w => !w.Working);

        Assert.That(_host.RecordTexts(), Is.EqualTo(new[] { "stub: one", "stub: two", "stub: three" }));
        Assert.That(_host.Events.OfType<AgentWorking>().Select(w => w.Working), Is.EqualTo(new[] { true, false }));
    }

    [Test]
    public async Task PermissionRoundTripAllowFollowsTheGoldenTranscript()
    {
        var engine = Engine();
        await engine.StartAsync(Spec(2), CancellationToken.None);
        await engine.SendUserMessageAsync(2, Message("ask ls"), CancellationToken.None);

        var ask = await _host.WaitForAskAsync();
        Assert.That(ask.Generation, Is.EqualTo(2));
        Assert.That(ask.ToolName, Is.EqualTo("Bash"));
        Assert.That(JsonDocument.Parse(ask.InputJson).RootElement.GetProperty("command").GetString(), Is.EqualTo("ls"));
        var toolStart = await _host.WaitForAsync<AgentUiEvent>(u => u.Kind == "tool");
        Assert.That(toolStart.Phase, Is.EqualTo("start"));
        Assert.That(toolStart.BriefMarkdown, Is.EqualTo("🔧 bash: ls"));

        _host.Answer(ask.RequestId, allow: true, "go");
        await _host.WaitForAsync<AgentWorking>(w => !w.Working);

        var toolEnd = _host.Events.OfType<AgentUiEvent>().Single(u => u.Kind == "tool" && u.Phase == "end");
        Assert.That(toolEnd.EventId, Is.EqualTo(toolStart.EventId));
        Assert.That(toolEnd.Status, Is.EqualTo("ok"));
        Assert.That(_host.RecordTexts().Last(), Is.EqualTo("One file: a.txt"));

        var response = StdinLines().Single(l => l.GetProperty("type").GetString() == "control_response");
        Assert.That(response.GetProperty("request_id").GetString(), Is.EqualTo(ask.RequestId));
        Assert.That(response.GetProperty("response").GetProperty("behavior").GetString(), Is.EqualTo("allow"));
        Assert.That(response.GetProperty("response").GetProperty("updatedInput").GetProperty("command").GetString(), Is.EqualTo("ls"));
    }

    [Test]
    public async Task PermissionDenyCarriesThePhoneMessage()
    {
        var engine = Engine();
        await engine.StartAsync(Spec(1), CancellationToken.None);
        await engine.SendUserMessageAsync(1, Message("ask rm -rf /"), CancellationToken.None);
        var ask = await _host.WaitForAskAsync();
        _host.Answer(ask.RequestId, allow: false, "not now");
        await _host.WaitForAsync<AgentWorking>(w => !w.Working);

        Assert.That(_host.RecordTexts().Last(), Is.EqualTo("Permission denied: not now"));
        var toolEnd = _host.Events.OfType<AgentUiEvent>().Single(u => u.Kind == "tool" && u.Phase == "end");
        Assert.That(toolEnd.Status, Is.EqualTo("error"));
    }

    [Test]
    public async Task AbortDropsTheTurnClearsWorkingAndWithdrawsThePrompt()
    {
        var engine = Engine();
        await engine.StartAsync(Spec(1), CancellationToken.None);
        await engine.SendUserMessageAsync(1, Message("ask ls"), CancellationToken.None);
        var ask = await _host.WaitForAskAsync();

        await engine.AbortAsync(1, CancellationToken.None);
        await _host.WaitForAsync<AgentWorking>(w => !w.Working);
        await _host.WaitUntilAsync(() => _host.Withdrawn.Contains(ask.RequestId) ? "withdrawn" : null);

        // The bridge carries on with the next message.
        await engine.SendUserMessageAsync(1, Message("after"), CancellationToken.None);
        await _host.WaitUntilAsync(() => _host.RecordTexts().Contains("stub: after") ? "ok" : null);
        Assert.That(StdinLines().Select(l => l.GetProperty("type").GetString()), Does.Contain("abort"));
        Assert.That(_host.RecordTexts(), Does.Not.Contain("One file: a.txt"));
    }

    [Test]
    public async Task ConfigurationChangeReachesTheBridgeThroughMeta()
    {
        var engine = Engine();
        await engine.StartAsync(Spec(1, config: new AgentConfig(Model: "sonnet", PermissionMode: "plan")), CancellationToken.None);
        await engine.SendUserMessageAsync(1, Message("one", "{\"appendSystemPrompt\":\"A\",\"extra\":1}"), CancellationToken.None);
        await engine.ApplyConfigAsync(1, new AgentConfig(Model: "haiku", PermissionMode: "acceptedits"), CancellationToken.None);
        await engine.SendUserMessageAsync(1, Message("two"), CancellationToken.None);
        await _host.WaitUntilAsync(() => _host.RecordTexts().Contains("stub: two") ? "ok" : null);

        var metas = StdinLines().Where(l => l.GetProperty("type").GetString() == "user").Select(l => l.GetProperty("meta")).ToList();
        Assert.That(metas[0].GetProperty("model").GetString(), Is.EqualTo("claude-sonnet-4-5"));
        Assert.That(metas[0].GetProperty("permissionMode").GetString(), Is.EqualTo("plan"));
        Assert.That(metas[0].GetProperty("appendSystemPrompt").GetString(), Is.EqualTo("A"));
        Assert.That(metas[1].GetProperty("model").GetString(), Is.EqualTo("claude-haiku-4-5"));
        Assert.That(metas[1].GetProperty("permissionMode").GetString(), Is.EqualTo("acceptEdits"));
        Assert.That(engine.CurrentConfig, Is.EqualTo(new AgentConfig("claude-haiku-4-5", "acceptEdits")));
    }

    [Test]
    public async Task RespawnOnARestartKeyChangeKeepsTheQueuedMessage()
    {
        var engine = Engine();
        await engine.StartAsync(Spec(1), CancellationToken.None);
        await engine.SendUserMessageAsync(1, Message("first", "{\"appendSystemPrompt\":\"A\"}"), CancellationToken.None);
        await engine.SendUserMessageAsync(1, Message("second", "{\"appendSystemPrompt\":\"B\"}"), CancellationToken.None);
        await _host.WaitUntilAsync(() => _host.RecordTexts().Contains("stub: second") ? "ok" : null);

        Assert.That(_host.RecordTexts(), Is.EqualTo(new[] { "stub: first", "stub: respawned claude (appendSystemPrompt changed)", "stub: second" }));
    }

    [Test]
    public async Task CrashMidTurnSurfacesAsExitedOfTheRightGenerationAfterTheOutput()
    {
        var engine = Engine();
        await engine.StartAsync(Spec(4), CancellationToken.None);
        await engine.SendUserMessageAsync(4, Message("crash"), CancellationToken.None);
        var exited = await _host.WaitForAsync<AgentExited>();

        Assert.That(exited, Is.EqualTo(new AgentExited(4, AgentMode.Remote, "exit status 3")));
        var events = _host.Events;
        var recordIndex = events.IndexOf(events.OfType<AgentOutboundRecord>().Single());
        Assert.That(recordIndex, Is.LessThan(events.IndexOf(exited)));
        Assert.That(events.OfType<AgentWorking>().Last().Working, Is.False);
        Assert.ThrowsAsync<AgentNotRunningException>(() => engine.SendUserMessageAsync(4, Message("again"), CancellationToken.None));
    }

    [Test]
    public async Task StopRunsTheKillSequenceAndReportsExited()
    {
        var engine = Engine();
        await engine.StartAsync(Spec(5), CancellationToken.None);
        await engine.StopAsync(AgentMode.Remote, 5, CancellationToken.None);
        var exited = await _host.WaitForAsync<AgentExited>();

        Assert.That(exited.Generation, Is.EqualTo(5));
        var ex = Assert.ThrowsAsync<AgentNotRunningException>(() => engine.SendUserMessageAsync(5, Message("late"), CancellationToken.None));
        Assert.That(ex!.Message, Is.EqualTo("claude remote bridge not running"));
    }

    [Test]
    public async Task RestartReportsTheOldExitWithTheOldGeneration()
    {
        var engine = Engine();
        await engine.StartAsync(Spec(1), CancellationToken.None);
        await engine.StartAsync(Spec(2), CancellationToken.None);
        var exited = await _host.WaitForAsync<AgentExited>();

        Assert.That(exited.Generation, Is.EqualTo(1));
        var readies = _host.Events.OfType<AgentReady>().Select(r => r.Generation);
        Assert.That(readies, Is.EqualTo(new long[] { 1, 2 }));
        await engine.SendUserMessageAsync(2, Message("still here"), CancellationToken.None);
        await _host.WaitUntilAsync(() => _host.RecordTexts().Contains("stub: still here") ? "ok" : null);
    }

    [Test]
    public async Task SlowReadyIsAwaited()
    {
        var engine = Engine("--ready-delay-ms", "1500");
        await engine.StartAsync(Spec(1), CancellationToken.None);
        Assert.That(_host.Events, Is.EqualTo(new AgentEvent[] { new AgentReady(1, AgentMode.Remote) }));
    }

    [Test]
    public async Task ASlowHostGetsEveryEventInOrder()
    {
        var engine = Engine();
        await engine.StartAsync(Spec(1), CancellationToken.None);
        _host.ReportDelay = TimeSpan.FromMilliseconds(30);
        string[] texts = ["a", "b", "c", "d", "e"];
        foreach (var text in texts)
        {
            await engine.SendUserMessageAsync(1, Message(text), CancellationToken.None);
        }

        await _host.WaitUntilAsync(() => _host.RecordTexts().Count == texts.Length ? "all" : null);
        Assert.That(_host.RecordTexts(), Is.EqualTo(texts.Select(t => "stub: " + t)));
        Assert.That(_host.Events.OfType<AgentSessionIdentified>().Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task ALineOf64KiBAndMoreDoesNotStopTheStream()
    {
        var engine = Engine();
        await engine.StartAsync(Spec(1), CancellationToken.None);
        await engine.SendUserMessageAsync(1, Message("big 200000"), CancellationToken.None);
        await engine.SendUserMessageAsync(1, Message("after big"), CancellationToken.None);
        await _host.WaitUntilAsync(() => _host.RecordTexts().Contains("stub: after big") ? "ok" : null);

        Assert.That(_host.RecordTexts()[0], Has.Length.EqualTo(200000));
    }

    private List<JsonElement> StdinLines() =>
        [.. File.ReadAllLines(RecordFile).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
}
