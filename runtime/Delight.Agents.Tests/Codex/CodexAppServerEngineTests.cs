using System.Text.Json;
using Delight.Agents.Codex;
using Delight.Agents.Common;
using Delight.Agents.Tests.Support;
using Delight.Runtime.Agents;
using NUnit.Framework;

namespace Delight.Agents.Tests.Codex;

[TestFixture]
[Parallelizable(ParallelScope.Self)]
public sealed class CodexAppServerEngineTests
{
    private RecordingAgentHost _host = null!;
    private TempDirectory _dir = null!;
    private CodexAppServerEngine? _engine;

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

    private string RecordFile => _dir.File("app-server-stdin.jsonl");

    private CodexAppServerEngine Engine(params string[] stubOptions)
    {
        _engine = new CodexAppServerEngine(_host, new CodexAppServerOptions(StubLocator.DotnetHost, StubLocator.Prefix("codex-app-server", ["--record", RecordFile, .. stubOptions]))
        {
            InterruptGrace = TimeSpan.FromSeconds(3),
        });
        return _engine;
    }

    private AgentStartSpec Spec(long generation, string? resume = null, AgentConfig? config = null) =>
        new(generation, AgentMode.Remote, _dir.Path, resume, null, config ?? AgentConfig.Empty);

    private static AgentUserMessage Message(string text) => new(text, null, "local-" + text, 0);

    [Test]
    public async Task StartHandshakesOpensTheThreadAndReportsReady()
    {
        var engine = Engine();
        await engine.StartAsync(Spec(1), CancellationToken.None);

        Assert.That(_host.Events, Is.EqualTo(new AgentEvent[]
        {
            new AgentSessionIdentified(1, AgentMode.Remote, "thr_1"),
            new AgentSessionIdentified(1, AgentMode.Remote, "thr_1"),
            new AgentReady(1, AgentMode.Remote),
        }));
        var lines = StdinLines();
        Assert.That(lines[0].GetProperty("id").GetInt64(), Is.EqualTo(1));
        Assert.That(lines[0].GetProperty("method").GetString(), Is.EqualTo("initialize"));
        Assert.That(lines[0].TryGetProperty("jsonrpc", out _), Is.False);
        Assert.That(lines[1].GetProperty("method").GetString(), Is.EqualTo("initialized"));
        Assert.That(lines[2].GetProperty("method").GetString(), Is.EqualTo("thread/start"));
        Assert.That(lines[2].GetProperty("params").GetProperty("sandbox").GetString(), Is.EqualTo("workspace-write"));
        Assert.That(lines[2].GetProperty("params").GetProperty("model").GetString(), Is.EqualTo("gpt-5.2-codex"));
    }

    [Test]
    public async Task StartWithResumeTokenResumesTheThread()
    {
        var engine = Engine();
        await engine.StartAsync(Spec(1, resume: "thr_9"), CancellationToken.None);
        Assert.That(_host.Events.OfType<AgentSessionIdentified>().Single().ResumeToken, Is.EqualTo("thr_9"));
        Assert.That(StdinLines().Select(l => l.TryGetProperty("method", out var m) ? m.GetString() : null), Does.Contain("thread/resume").And.No.Contain("thread/start"));
    }

    [Test]
    public async Task TurnFollowsTheGoldenTranscript()
    {
        var engine = Engine();
        await engine.StartAsync(Spec(2), CancellationToken.None);
        await engine.SendUserMessageAsync(2, Message("list files"), CancellationToken.None);
        await _host.WaitForAsync<AgentWorking>(w => !w.Working);

        var events = _host.Events.Skip(3).ToList();
        Assert.That(events.Select(Describe), Is.EqualTo(new[]
        {
            "working:True", "ui:thinking-turn_1:update", "ui:it_1:start", "ui:it_1:end", "record:One file: a.txt", "working:False", "ui:thinking-turn_1:end",
        }));
        var end = events.OfType<AgentUiEvent>().Single(u => u.EventId == "it_1" && u.Phase == "end");
        Assert.That(end.Status, Is.EqualTo("ok"));
        Assert.That(end.FullMarkdown, Is.EqualTo("Tool: shell\n\n```sh\nls\n```\n\nOutput:\n\n```\na.txt\n```"));
        Assert.That(events.All(e => e.Generation == 2), Is.True);

        var turnStart = StdinLines().Single(l => l.TryGetProperty("method", out var m) && m.GetString() == "turn/start").GetProperty("params");
        Assert.That(turnStart.GetProperty("sandboxPolicy").GetProperty("type").GetString(), Is.EqualTo("workspaceWrite"));
        Assert.That(turnStart.GetProperty("effort").GetString(), Is.EqualTo("medium"));
        Assert.That(turnStart.GetProperty("threadId").GetString(), Is.EqualTo("thr_1"));
    }

    [Test]
    public async Task BusyTurnIsRejectedVisibly()
    {
        var engine = Engine();
        await engine.StartAsync(Spec(1), CancellationToken.None);
        await engine.SendUserMessageAsync(1, Message("hang"), CancellationToken.None);
        await engine.SendUserMessageAsync(1, Message("second"), CancellationToken.None);

        Assert.That(_host.RecordTexts(), Is.EqualTo(new[] { "Codex is still working on the previous request. Press Stop to abort, then retry." }));
        Assert.That(StdinLines().Count(l => l.TryGetProperty("method", out var m) && m.GetString() == "turn/start"), Is.EqualTo(1));
    }

    [Test]
    public async Task ApprovalServerRequestIsAnsweredUnsupportedInOrder()
    {
        var engine = Engine();
        await engine.StartAsync(Spec(1), CancellationToken.None);
        await engine.SendUserMessageAsync(1, Message("approve"), CancellationToken.None);
        await _host.WaitForAsync<AgentWorking>(w => !w.Working);

        Assert.That(_host.RecordTexts(), Is.EqualTo(new[] { "approval rejected: unsupported request: item/commandExecution/requestApproval" }));
        var reply = StdinLines().Single(l => l.TryGetProperty("error", out _));
        Assert.That(reply.GetProperty("id").GetInt64(), Is.EqualTo(1001));
        Assert.That(reply.GetProperty("error").GetProperty("code").GetInt32(), Is.EqualTo(-32601));
        Assert.That(_host.Asks, Is.Empty);
    }

    [Test]
    public async Task AbortInterruptsTheActiveTurnAndClearsWorking()
    {
        var engine = Engine();
        await engine.StartAsync(Spec(1), CancellationToken.None);
        await engine.SendUserMessageAsync(1, Message("hang"), CancellationToken.None);
        await _host.WaitForAsync<AgentWorking>(w => w.Working);
        await engine.AbortAsync(1, CancellationToken.None);
        await _host.WaitForAsync<AgentWorking>(w => !w.Working);

        var interrupt = StdinLines().Single(l => l.TryGetProperty("method", out var m) && m.GetString() == "turn/interrupt");
        Assert.That(interrupt.GetProperty("params").GetProperty("turnId").GetString(), Is.EqualTo("turn_1"));
        await engine.SendUserMessageAsync(1, Message("next"), CancellationToken.None);
        await _host.WaitUntilAsync(() => _host.RecordTexts().Contains("codex: next") ? "ok" : null);
    }

    [Test]
    public async Task AbortBeforeTurnStartedStillInterruptsTheTurn()
    {
        var engine = Engine();
        await engine.StartAsync(Spec(1), CancellationToken.None);
        var send = engine.SendUserMessageAsync(1, Message("late 1500"), CancellationToken.None);
        await _host.WaitUntilAsync(() => File.Exists(RecordFile) && File.ReadAllText(RecordFile).Contains("turn/start", StringComparison.Ordinal) ? "sent" : null);
        await engine.AbortAsync(1, CancellationToken.None);
        await send.WaitAsync(RecordingAgentHost.Wait);
        await _host.WaitForAsync<AgentWorking>(w => !w.Working);

        Assert.That(StdinLines().Count(l => l.TryGetProperty("method", out var m) && m.GetString() == "turn/interrupt"), Is.EqualTo(1));
    }

    [Test]
    public async Task ConfigurationChangeAppliesAtTheNextTurn()
    {
        var engine = Engine();
        await engine.StartAsync(Spec(1), CancellationToken.None);
        await engine.ApplyConfigAsync(1, new AgentConfig(Model: "gpt-5.2", PermissionMode: "read-only", ReasoningEffort: "high"), CancellationToken.None);
        await engine.SendUserMessageAsync(1, Message("hi"), CancellationToken.None);
        await _host.WaitForAsync<AgentWorking>(w => !w.Working);

        var turnStart = StdinLines().Single(l => l.TryGetProperty("method", out var m) && m.GetString() == "turn/start").GetProperty("params");
        Assert.That(turnStart.GetProperty("model").GetString(), Is.EqualTo("gpt-5.2"));
        Assert.That(turnStart.GetProperty("effort").GetString(), Is.EqualTo("high"));
        Assert.That(turnStart.GetProperty("sandboxPolicy").GetRawText(), Is.EqualTo("{\"type\":\"readOnly\"}"));
        Assert.That(engine.CurrentConfig, Is.EqualTo(new AgentConfig("gpt-5.2", "read-only", "high")));
        Assert.That(_host.RecordTexts(), Is.EqualTo(new[] { "codex: hi" }));
    }

    [Test]
    public async Task UnknownPermissionModeFallsBackToDefault()
    {
        var engine = Engine();
        await engine.StartAsync(Spec(1, config: new AgentConfig(PermissionMode: "plan")), CancellationToken.None);
        Assert.That(engine.CurrentConfig.PermissionMode, Is.EqualTo("default"));
    }

    [Test]
    public async Task ThreadStartRetriesWithCamelCaseWhenKebabIsRejected()
    {
        var engine = Engine("--thread-sandbox", "camel");
        await engine.StartAsync(Spec(1), CancellationToken.None);

        var starts = StdinLines().Where(l => l.TryGetProperty("method", out var m) && m.GetString() == "thread/start").ToList();
        Assert.That(starts.Select(s => s.GetProperty("params").GetProperty("sandbox").GetString()), Is.EqualTo(new[] { "workspace-write", "workspaceWrite" }));
        Assert.That(_host.Events.OfType<AgentReady>().Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task TurnStartRetriesWithKebabCaseWhenCamelIsRejected()
    {
        var engine = Engine("--turn-sandbox", "kebab");
        await engine.StartAsync(Spec(1), CancellationToken.None);
        await engine.SendUserMessageAsync(1, Message("hi"), CancellationToken.None);
        await _host.WaitForAsync<AgentWorking>(w => !w.Working);

        var types = StdinLines().Where(l => l.TryGetProperty("method", out var m) && m.GetString() == "turn/start")
            .Select(s => s.GetProperty("params").GetProperty("sandboxPolicy").GetProperty("type").GetString());
        Assert.That(types, Is.EqualTo(new[] { "workspaceWrite", "workspace-write" }));
    }

    [Test]
    public async Task ErrorNotificationIsShown()
    {
        var engine = Engine();
        await engine.StartAsync(Spec(1), CancellationToken.None);
        await engine.SendUserMessageAsync(1, Message("error"), CancellationToken.None);
        await _host.WaitForAsync<AgentWorking>(w => !w.Working);
        Assert.That(_host.RecordTexts(), Is.EqualTo(new[] { "stub failure" }));
    }

    [Test]
    public async Task CrashMidTurnSurfacesAsExitNotAWedgedSession()
    {
        var engine = Engine();
        await engine.StartAsync(Spec(6), CancellationToken.None);
        await engine.SendUserMessageAsync(6, Message("crash"), CancellationToken.None);
        var exited = await _host.WaitForAsync<AgentExited>();

        Assert.That(exited, Is.EqualTo(new AgentExited(6, AgentMode.Remote, "exit status 3")));
        var events = _host.Events;
        Assert.That(events.IndexOf(events.OfType<AgentWorking>().Last(w => !w.Working)), Is.LessThan(events.IndexOf(exited)));
        var ex = Assert.ThrowsAsync<AgentNotRunningException>(() => engine.SendUserMessageAsync(6, Message("again"), CancellationToken.None));
        Assert.That(ex!.Message, Is.EqualTo("codex remote mode not active"));
        Assert.That(_host.RecordTexts(), Does.Not.Contain("Codex is still working on the previous request. Press Stop to abort, then retry."));

        // A new start spawns a fresh app-server.
        await engine.StartAsync(Spec(7), CancellationToken.None);
        await engine.SendUserMessageAsync(7, Message("back"), CancellationToken.None);
        await _host.WaitUntilAsync(() => _host.RecordTexts().Contains("codex: back") ? "ok" : null);
    }

    [Test]
    public async Task StopKillsTheAppServerSilently()
    {
        var engine = Engine();
        await engine.StartAsync(Spec(1), CancellationToken.None);
        await engine.SendUserMessageAsync(1, Message("hang"), CancellationToken.None);
        await _host.WaitForAsync<AgentWorking>(w => w.Working);
        await engine.StopAsync(AgentMode.Remote, 1, CancellationToken.None);

        Assert.That(_host.Events.OfType<AgentWorking>().Last().Working, Is.False);
        await Task.Delay(300);
        Assert.That(_host.Events.OfType<AgentExited>(), Is.Empty);
        Assert.ThrowsAsync<AgentNotRunningException>(() => engine.SendUserMessageAsync(1, Message("x"), CancellationToken.None));
    }

    [Test]
    public void InitializeFailureFailsStart()
    {
        var engine = Engine("--fail-initialize");
        var ex = Assert.ThrowsAsync<AgentStartException>(() => engine.StartAsync(Spec(1), CancellationToken.None));
        Assert.That(ex!.Message, Does.StartWith("failed to start app-server client"));
    }

    private static string Describe(AgentEvent e) => e switch
    {
        AgentWorking w => "working:" + w.Working,
        AgentUiEvent u => "ui:" + u.EventId + ":" + u.Phase,
        AgentOutboundRecord r => "record:" + RecordingAgentHost.RecordText(r.RecordJson),
        _ => e.GetType().Name,
    };

    private List<JsonElement> StdinLines() =>
        [.. File.ReadAllLines(RecordFile).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
}
