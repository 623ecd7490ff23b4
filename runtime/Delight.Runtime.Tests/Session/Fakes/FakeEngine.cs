using Delight.Runtime.Agents;

namespace Delight.Runtime.Tests.Session.Fakes;

/// <summary>A scripted engine: records every call; reports Ready when started (unless told otherwise); sends can be
/// held on a gate to model a blocking ACP turn.</summary>
internal sealed class FakeEngine(IAgentHost host) : IAgentEngine
{
    private readonly object _gate = new();
    private readonly List<string> _calls = [];

    public IAgentHost Host { get; } = host;

    public string AgentType => "fake";

    public AgentCapabilities Capabilities { get; } = new("fake", ["fake-1"], ["default", "yolo"], []);

    public AgentConfig CurrentConfig { get; private set; } = AgentConfig.Empty;

    public bool AutoReady { get; set; } = true;

    public Func<AgentStartSpec, Exception?> StartFailure { get; set; } = _ => null;

    /// <summary>When set, every send waits for it (ACP blocks for a whole turn).</summary>
    public TaskCompletionSource? SendGate { get; set; }

    public bool CanInject { get; set; } = true;

    public List<AgentStartSpec> Starts { get; } = [];

    public List<(long Gen, string Text)> Sends { get; } = [];

    public List<(long Gen, string Text)> Injects { get; } = [];

    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    private void Record(string call)
    {
        lock (_gate)
        {
            _calls.Add(call);
        }
    }

    public async Task StartAsync(AgentStartSpec spec, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Starts.Add(spec);
        }

        Record($"start {spec.Mode} {spec.Generation}");
        if (StartFailure(spec) is { } failure)
        {
            throw failure;
        }

        if (AutoReady)
        {
            await Host.ReportAsync(new AgentReady(spec.Generation, spec.Mode), cancellationToken);
        }
    }

    public Task StopAsync(AgentMode mode, long generation, CancellationToken cancellationToken)
    {
        Record($"stop {mode} {generation}");
        return Task.CompletedTask;
    }

    public async Task SendUserMessageAsync(long generation, AgentUserMessage message, CancellationToken cancellationToken)
    {
        Record($"send {generation} {message.Text}");
        if (SendGate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        lock (_gate)
        {
            Sends.Add((generation, message.Text));
        }
    }

    public Task<bool> InjectLineAsync(long generation, string text, CancellationToken cancellationToken)
    {
        Record($"inject {generation} {text}");
        if (CanInject)
        {
            lock (_gate)
            {
                Injects.Add((generation, text));
            }
        }

        return Task.FromResult(CanInject);
    }

    public Task AbortAsync(long generation, CancellationToken cancellationToken)
    {
        Record($"abort {generation}");
        return Task.CompletedTask;
    }

    public Task ApplyConfigAsync(long generation, AgentConfig config, CancellationToken cancellationToken)
    {
        Record($"apply {generation} {config.Model}");
        CurrentConfig = config;
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => default;
}

internal sealed class FakeEngineFactory : IAgentEngineFactory
{
    public FakeEngine? Engine { get; private set; }

    public Action<FakeEngine>? Configure { get; set; }

    public IAgentEngine Create(string agentType, IAgentHost host)
    {
        var engine = new FakeEngine(host);
        Configure?.Invoke(engine);
        Engine = engine;
        return engine;
    }
}
