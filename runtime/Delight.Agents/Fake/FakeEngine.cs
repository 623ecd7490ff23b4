using Delight.Agents.Common;
using Delight.Agents.Records;
using Delight.Runtime.Agents;

namespace Delight.Agents.Fake;

/// <summary>
/// The in-process echo engine (ENGINES.md §7): Ready at once in either mode, a remote send emits Working(true), one
/// assistant record <c>fake-agent: &lt;trimmed text&gt;</c> (model <c>fake-agent</c>), then Working(false). No exit, no
/// permission prompt, no resume token. Events go through <see cref="IAgentHost.ReportAsync"/>, so none is dropped.
/// </summary>
public sealed class FakeEngine : IAgentEngine
{
    public const string Model = "fake-agent";

    private readonly IAgentHost _host;
    private readonly TimeProvider _time;
    private readonly IAgentIdSource _ids;
    private readonly object _gate = new();
    private long? _localGeneration;
    private long? _remoteGeneration;

    public FakeEngine(IAgentHost host, TimeProvider? time = null, IAgentIdSource? ids = null)
    {
        _host = host ?? throw new ArgumentNullException(nameof(host));
        _time = time ?? TimeProvider.System;
        _ids = ids ?? new CuidSource(_time);
    }

    public string AgentType => "fake";

    public AgentCapabilities Capabilities { get; } = new("fake", [], [], []);

    public AgentConfig CurrentConfig => AgentConfig.Empty;

    public async Task StartAsync(AgentStartSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        lock (_gate)
        {
            if (spec.Mode == AgentMode.Local)
            {
                _localGeneration = spec.Generation;
            }
            else
            {
                _remoteGeneration = spec.Generation;
            }
        }

        await _host.ReportAsync(new AgentReady(spec.Generation, spec.Mode), cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(AgentMode mode, long generation, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (mode == AgentMode.Local && _localGeneration == generation)
            {
                _localGeneration = null;
            }
            else if (mode == AgentMode.Remote && _remoteGeneration == generation)
            {
                _remoteGeneration = null;
            }
        }

        return Task.CompletedTask;
    }

    public async Task SendUserMessageAsync(long generation, AgentUserMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_gate)
        {
            if (_remoteGeneration != generation)
            {
                throw new AgentNotRunningException("fake remote mode not active");
            }
        }

        var text = message.Text.Trim();
        if (text.Length == 0)
        {
            return;
        }

        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var localId = _ids.NextCuid();
        await _host.ReportAsync(new AgentWorking(generation, AgentMode.Remote, true, now), cancellationToken).ConfigureAwait(false);
        await _host.ReportAsync(
            new AgentOutboundRecord(generation, AgentMode.Remote, localId, AgentRecords.AssistantText(localId, Model, "fake-agent: " + text), null, now),
            cancellationToken).ConfigureAwait(false);
        await _host.ReportAsync(new AgentWorking(generation, AgentMode.Remote, false, _time.GetUtcNow().ToUnixTimeMilliseconds()), cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> InjectLineAsync(long generation, string text, CancellationToken cancellationToken) => Task.FromResult(false);

    public Task AbortAsync(long generation, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task ApplyConfigAsync(long generation, AgentConfig config, CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _localGeneration = null;
            _remoteGeneration = null;
        }

        return ValueTask.CompletedTask;
    }
}
