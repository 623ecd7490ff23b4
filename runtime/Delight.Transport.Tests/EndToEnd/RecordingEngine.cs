using Delight.Runtime.Agents;

namespace Delight.Transport.Tests.EndToEnd;

/// <summary>A fake agent engine for the end-to-end tests: ready as soon as started, records what it is sent, and
/// lets the test report output and ask for permissions through the runtime's host.</summary>
public sealed class RecordingEngine(IAgentHost host) : IAgentEngine
{
    private readonly object gate = new();
    private readonly List<string> sends = [];
    private readonly List<AgentStartSpec> starts = [];

    public IAgentHost Host { get; } = host;

    public string AgentType => "fake";

    public AgentCapabilities Capabilities { get; } = new("fake", ["fake-1", "fake-2"], ["default", "yolo"], []);

    public AgentConfig CurrentConfig { get; private set; } = AgentConfig.Empty;

    public IReadOnlyList<string> Sends
    {
        get
        {
            lock (gate)
            {
                return [.. sends];
            }
        }
    }

    public AgentStartSpec? LastStart
    {
        get
        {
            lock (gate)
            {
                return starts.Count == 0 ? null : starts[^1];
            }
        }
    }

    public async Task StartAsync(AgentStartSpec spec, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            starts.Add(spec);
        }

        await Host.ReportAsync(new AgentReady(spec.Generation, spec.Mode), cancellationToken);
    }

    public Task StopAsync(AgentMode mode, long generation, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task SendUserMessageAsync(long generation, AgentUserMessage message, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            sends.Add(message.Text);
        }

        return Task.CompletedTask;
    }

    public Task<bool> InjectLineAsync(long generation, string text, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            sends.Add(text);
        }

        return Task.FromResult(true);
    }

    public Task AbortAsync(long generation, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task ApplyConfigAsync(long generation, AgentConfig config, CancellationToken cancellationToken)
    {
        CurrentConfig = config;
        return Task.CompletedTask;
    }

    /// <summary>Agent output: a plaintext record the runtime encrypts and sends to the phone.</summary>
    public ValueTask ReportOutputAsync(string localId, string recordJson)
    {
        var spec = LastStart ?? throw new InvalidOperationException("the engine was never started");
        return Host.ReportAsync(
            new AgentOutboundRecord(spec.Generation, spec.Mode, localId, recordJson, null, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()),
            CancellationToken.None);
    }

    public ValueTask DisposeAsync() => default;
}

public sealed class RecordingEngineFactory : IAgentEngineFactory
{
    private RecordingEngine? engine;

    public RecordingEngine Engine => Volatile.Read(ref engine) ?? throw new InvalidOperationException("no engine created yet");

    public IAgentEngine Create(string agentType, IAgentHost host)
    {
        var created = new RecordingEngine(host);
        Volatile.Write(ref engine, created);
        return created;
    }
}
