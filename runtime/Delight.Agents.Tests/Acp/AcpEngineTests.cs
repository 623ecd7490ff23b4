using System.Text.Json;
using Delight.Agents.Acp;
using Delight.Agents.Common;
using Delight.Agents.Tests.Support;
using Delight.Runtime.Agents;
using NUnit.Framework;

namespace Delight.Agents.Tests.Acp;

[TestFixture]
[Parallelizable(ParallelScope.Self)]
public sealed class AcpEngineTests
{
    private RecordingAgentHost _host = null!;
    private TempDirectory _home = null!;
    private AcpStubServer _server = null!;
    private HttpClient _http = null!;
    private AcpEngine? _engine;

    [SetUp]
    public void SetUp()
    {
        _host = new RecordingAgentHost();
        _home = new TempDirectory();
        _server = new AcpStubServer();
        _http = new HttpClient();
    }

    [TearDown]
    public async Task TearDown()
    {
        if (_engine is not null)
        {
            await _engine.DisposeAsync();
        }

        _http.Dispose();
        await _server.DisposeAsync();
        _home.Dispose();
    }

    private AcpEngine Engine(string sessionId = "c1767034856000000000")
    {
        _engine = new AcpEngine(_host, new AcpEngineOptions(_server.BaseUrl + "/", "test-agent", sessionId, _home.Path) { PollInterval = TimeSpan.FromMilliseconds(50) }, _http);
        return _engine;
    }

    private static AgentStartSpec Spec(long generation, AgentMode mode = AgentMode.Remote) => new(generation, mode, "/p", null, null, AgentConfig.Empty);

    private static AgentUserMessage Message(string text) => new(text, null, "local-" + text, 0);

    [Test]
    public async Task StartReportsReadyAndPersistsTheSessionMapping()
    {
        var engine = Engine();
        await engine.StartAsync(Spec(1), CancellationToken.None);

        Assert.That(_host.Events, Is.EqualTo(new AgentEvent[] { new AgentReady(1, AgentMode.Remote) }));
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(_home.Path, AcpSessionStore.FileName)));
        Assert.That(file.RootElement.GetProperty("sessions").GetProperty("c1767034856000000000").GetString(), Is.EqualTo(engine.AcpSessionId));
        Assert.That(Guid.TryParse(engine.AcpSessionId, out _), Is.True);
    }

    [Test]
    public void StartWithoutConfigurationFails()
    {
        _engine = new AcpEngine(_host, new AcpEngineOptions(string.Empty, "test-agent", "s1", _home.Path), _http);
        var ex = Assert.ThrowsAsync<AgentStartException>(() => _engine.StartAsync(Spec(1), CancellationToken.None));
        Assert.That(ex!.Message, Is.EqualTo("acp is not configured (missing url, agent, or session id)"));
    }

    [Test]
    public async Task TurnEmitsOneRecordBetweenWorking()
    {
        var engine = Engine();
        await engine.StartAsync(Spec(2), CancellationToken.None);
        await engine.SendUserMessageAsync(2, Message("hello"), CancellationToken.None);

        var events = _host.Events.Skip(1).ToList();
        Assert.That(events, Has.Count.EqualTo(3));
        Assert.That(events[0], Is.InstanceOf<AgentWorking>().With.Property(nameof(AgentWorking.Working)).True);
        var record = (AgentOutboundRecord)events[1];
        Assert.That(RecordingAgentHost.RecordText(record.RecordJson), Is.EqualTo("acp: hello"));
        Assert.That(record.RecordJson, Does.Contain("\"model\":\"acp\""));
        Assert.That(events[2], Is.InstanceOf<AgentWorking>().With.Property(nameof(AgentWorking.Working)).False);

        var create = _server.Requests.First(r => r.Path == "/runs");
        using var body = JsonDocument.Parse(create.Body);
        Assert.That(body.RootElement.GetProperty("agent_name").GetString(), Is.EqualTo("test-agent"));
        Assert.That(body.RootElement.GetProperty("session_id").GetString(), Is.EqualTo(engine.AcpSessionId));
        Assert.That(body.RootElement.GetProperty("mode").GetString(), Is.EqualTo("sync"));
    }

    [Test]
    public async Task PermissionRoundTripFollowsTheGoldenExchange()
    {
        var engine = Engine();
        await engine.StartAsync(Spec(3), CancellationToken.None);
        var send = engine.SendUserMessageAsync(3, Message("ping"), CancellationToken.None);
        var ask = await _host.WaitForAskAsync();

        Assert.That(ask.RequestId, Is.EqualTo("acp-00000000-0000-4000-8000-000000000001"));
        Assert.That(ask.ToolName, Is.EqualTo("acp.await"));
        Assert.That(ask.InputJson, Is.EqualTo("{\"await\":{\"reason\":\"permission\"}}"));
        Assert.That(ask.Generation, Is.EqualTo(3));
        _host.Answer(ask.RequestId, allow: true, "ok");
        await send.WaitAsync(RecordingAgentHost.Wait);

        Assert.That(_host.RecordTexts(), Is.EqualTo(new[] { "acp: ping (ok)" }));
        var resume = _server.Requests.Single(r => r.Path.StartsWith("/runs/", StringComparison.Ordinal));
        Assert.That(resume.Body, Is.EqualTo("{\"run_id\":\"00000000-0000-4000-8000-000000000001\",\"await_resume\":{\"allow\":true,\"message\":\"ok\"},\"mode\":\"sync\"}"));
    }

    [Test]
    public async Task PollingFallsBackToPostAndAcceptsAcpStatuses()
    {
        _server.GetUnsupported = true;
        var engine = Engine();
        await engine.StartAsync(Spec(1), CancellationToken.None);
        await engine.SendUserMessageAsync(1, Message("slow"), CancellationToken.None);

        Assert.That(_host.RecordTexts(), Is.EqualTo(new[] { "acp: slow done" }));
        Assert.That(_server.Requests.Count(r => r.Method == "GET"), Is.EqualTo(1));
        Assert.That(_server.Requests.Count(r => r.Method == "POST" && r.Path != "/runs"), Is.EqualTo(3));
    }

    [Test]
    public async Task StreamedTextIsCountedOnce()
    {
        var engine = Engine();
        await engine.StartAsync(Spec(1), CancellationToken.None);
        await engine.SendUserMessageAsync(1, Message("sse"), CancellationToken.None);
        Assert.That(_host.RecordTexts(), Is.EqualTo(new[] { "acp: streamed" }));
    }

    [Test]
    public async Task FailedRunIsShown()
    {
        var engine = Engine();
        await engine.StartAsync(Spec(1), CancellationToken.None);
        await engine.SendUserMessageAsync(1, Message("fail"), CancellationToken.None);
        Assert.That(_host.RecordTexts(), Is.EqualTo(new[] { "ACP run failed: agent exploded" }));
    }

    [Test]
    public async Task AbortDuringPermissionWithdrawsThePromptAndEndsTheTurn()
    {
        var engine = Engine();
        await engine.StartAsync(Spec(1), CancellationToken.None);
        var send = engine.SendUserMessageAsync(1, Message("ping"), CancellationToken.None);
        var ask = await _host.WaitForAskAsync();
        await engine.AbortAsync(1, CancellationToken.None);
        await send.WaitAsync(RecordingAgentHost.Wait);

        Assert.That(_host.Withdrawn, Is.EqualTo(new[] { ask.RequestId }));
        Assert.That(_host.Events.OfType<AgentWorking>().Last().Working, Is.False);
        Assert.That(_host.RecordTexts(), Is.Empty);
    }

    [Test]
    public async Task AbortDuringPollingEndsTheTurn()
    {
        var engine = Engine();
        await engine.StartAsync(Spec(1), CancellationToken.None);
        var send = engine.SendUserMessageAsync(1, Message("forever"), CancellationToken.None);
        await _host.WaitUntilAsync(() => _server.Requests.Count(r => r.Path != "/runs") >= 2 ? "polling" : null);
        await engine.AbortAsync(1, CancellationToken.None);
        await send.WaitAsync(RecordingAgentHost.Wait);
        Assert.That(_host.Events.OfType<AgentWorking>().Select(w => w.Working), Is.EqualTo(new[] { true, false }));
    }

    [Test]
    public async Task ConfigurationChangeIsAcceptedAndTheMappingSurvivesARestart()
    {
        var first = Engine();
        await first.StartAsync(Spec(1), CancellationToken.None);
        await first.ApplyConfigAsync(1, new AgentConfig(Model: "x", PermissionMode: "yolo"), CancellationToken.None);
        var acpSession = first.AcpSessionId;
        await first.DisposeAsync();

        var second = Engine();
        await second.StartAsync(Spec(2), CancellationToken.None);
        Assert.That(second.AcpSessionId, Is.EqualTo(acpSession));
        Assert.That(second.LastSessionLookup!.Created, Is.False);
        Assert.That(second.CurrentConfig, Is.EqualTo(AgentConfig.Empty));
    }

    [Test]
    public async Task ServerCrashMidTurnFailsTheSendVisibly()
    {
        var engine = Engine();
        await engine.StartAsync(Spec(1), CancellationToken.None);
        Assert.ThrowsAsync<AgentEngineException>(() => engine.SendUserMessageAsync(1, Message("crash"), CancellationToken.None));
        Assert.That(_host.RecordTexts().Single(), Does.StartWith("ACP turn failed: acp re"));
        Assert.That(_host.Events.OfType<AgentWorking>().Last().Working, Is.False);
    }

    [Test]
    public async Task StopEndsRemoteModeWithoutExit()
    {
        var engine = Engine();
        await engine.StartAsync(Spec(1), CancellationToken.None);
        var send = engine.SendUserMessageAsync(1, Message("forever"), CancellationToken.None);
        await _host.WaitUntilAsync(() => _server.Requests.Count(r => r.Path != "/runs") >= 1 ? "polling" : null);
        await engine.StopAsync(AgentMode.Remote, 1, CancellationToken.None);
        await send.WaitAsync(RecordingAgentHost.Wait);

        Assert.That(_host.Events.OfType<AgentExited>(), Is.Empty);
        var ex = Assert.ThrowsAsync<AgentNotRunningException>(() => engine.SendUserMessageAsync(1, Message("x"), CancellationToken.None));
        Assert.That(ex!.Message, Is.EqualTo("acp remote mode not active"));
    }

    [Test]
    public async Task CorruptMappingFileIsKeptAsideAndReported()
    {
        var path = Path.Combine(_home.Path, AcpSessionStore.FileName);
        await File.WriteAllTextAsync(path, "{\"sessions\":{\"other\":\"keep-me\"");
        var engine = Engine();
        await engine.StartAsync(Spec(1), CancellationToken.None);

        Assert.That(engine.LastSessionLookup!.Problem, Does.Contain("unreadable"));
        Assert.That(File.ReadAllText(engine.LastSessionLookup.QuarantinedPath!), Does.Contain("keep-me"));
    }
}
