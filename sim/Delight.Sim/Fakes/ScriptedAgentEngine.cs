using System.Globalization;
using Delight.Runtime.Agents;
using Delight.Sim.Clock;
using Delight.Sim.Exploration;
using Delight.Sim.Invariants;
using Delight.Sim.Invariants.Liveness;

namespace Delight.Sim.Fakes;

/// <summary>
/// The scripted fake agent engine: ready after some steps (or never), output for every message, permission requests
/// through <see cref="IAgentHost.AwaitPermissionAsync"/>, thinking/UI events, crash at any point, slow sends, late exit
/// delivery, all drawn from the seed. It is also a checker: at most one runner alive, and every phone message reaches
/// it at most once and in the order each phone task sent it.
/// </summary>
public sealed class ScriptedAgentEngine : IAgentEngine
{
    private readonly object _gate = new();
    private readonly SimContext _context;
    private readonly IAgentHost _host;
    private readonly AgentScript _script;
    private readonly Dictionary<long, Runner> _alive = [];
    private readonly HashSet<string> _delivered = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _lastIndexBySender = new(StringComparer.Ordinal);
    private readonly List<Task> _background = [];
    private readonly List<string> _deliveredInOrder = [];
    private bool _disposed;

    public ScriptedAgentEngine(SimContext context, IAgentHost host, AgentScript script)
    {
        _context = context;
        _host = host;
        _script = script;
    }

    public string AgentType => "sim";

    public AgentCapabilities Capabilities { get; } = new("sim", ["sim-1"], ["default", "yolo"], []);

    public AgentConfig CurrentConfig { get; private set; } = AgentConfig.Empty;

    /// <summary>Local ids in the order the agent received them.</summary>
    public IReadOnlyList<string> Delivered
    {
        get
        {
            lock (_gate)
            {
                return [.. _deliveredInOrder];
            }
        }
    }

    /// <summary>Generations of the runners alive now.</summary>
    public IReadOnlyList<long> AliveGenerations
    {
        get
        {
            lock (_gate)
            {
                return [.. _alive.Keys.Order()];
            }
        }
    }

    /// <summary>Raised when a phone message reaches the agent (closes its liveness obligation).</summary>
    public event Action<string>? MessageDelivered;

    public Task StartAsync(AgentStartSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Runner runner;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var others = string.Join(",", _alive.Keys);
            _context.Invariants.Check(_alive.Count == 0, InvariantNames.AtMostOneRunner,
                $"runner gen {spec.Generation} ({spec.Mode}) started while gen {others} is alive");
            if (spec.Mode == AgentMode.Remote && _context.Random.Chance(_script.RemoteStartFailurePercent))
            {
                _context.Log.Add("agent", "start-failed", $"gen {spec.Generation} {spec.Mode}");
                throw new InvalidOperationException("simulated spawn failure");
            }

            runner = new Runner(spec.Generation, spec.Mode);
            _alive[spec.Generation] = runner;
        }

        _context.Log.Add("agent", "started", $"gen {spec.Generation} {spec.Mode}");
        if (!_context.Swarm.AgentNeverReady)
        {
            Track(ReadyLaterAsync(runner));
        }
        else
        {
            _context.Log.Add("agent", "never-ready", $"gen {spec.Generation}");
        }

        if (_context.Random.Chance(_context.Swarm.AgentCrashPercent))
        {
            Track(CrashLaterAsync(runner));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(AgentMode mode, long generation, CancellationToken cancellationToken)
    {
        Runner? runner;
        lock (_gate)
        {
            _alive.Remove(generation, out runner);
        }

        if (runner is null)
        {
            return Task.CompletedTask;
        }

        _context.Log.Add("agent", "stopped", $"gen {generation} {mode}");
        runner.Kill();
        Track(ReportExitAsync(runner, null, _script.LateExitDelivery));
        return Task.CompletedTask;
    }

    public async Task SendUserMessageAsync(long generation, AgentUserMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        Runner? runner;
        lock (_gate)
        {
            _alive.TryGetValue(generation, out runner);
        }

        if (runner is null || runner.Mode != AgentMode.Remote || !runner.Ready)
        {
            throw new InvalidOperationException($"no ready remote runner with generation {generation}");
        }

        Receive(message);
        if (_context.Random.Chance(_context.Swarm.AgentSlowSendPercent))
        {
            await VirtualDelay.For(_context.Clock, TimeSpan.FromSeconds(1 + _context.Random.NextInt(3))).ConfigureAwait(false);
        }

        if (_script.UiEvents)
        {
            await _host.ReportAsync(new AgentWorking(generation, AgentMode.Remote, true, 0), CancellationToken.None).ConfigureAwait(false);
            await _host.ReportAsync(new AgentUiEvent(generation, AgentMode.Remote, "think-" + message.LocalId, "thinking", "start", "running", "thinking", "thinking", 0), CancellationToken.None).ConfigureAwait(false);
        }

        if (_context.Random.Chance(_script.PermissionPercent))
        {
            await AskPermissionAsync(runner, message).ConfigureAwait(false);
        }

        if (runner.Alive)
        {
            await _host.ReportAsync(new AgentOutboundRecord(generation, AgentMode.Remote, "out-" + message.LocalId, "reply to " + message.Text, null, 0), CancellationToken.None).ConfigureAwait(false);
            if (_script.UiEvents)
            {
                await _host.ReportAsync(new AgentWorking(generation, AgentMode.Remote, false, 0), CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private void Receive(AgentUserMessage message)
    {
        // Phone texts look like "p{sender}-{index}": per sender, each index at most once and increasing.
        var (sender, index) = ParseText(message.Text);
        lock (_gate)
        {
            _context.Invariants.Check(_delivered.Add(message.LocalId), InvariantNames.PhoneMessagesAtMostOnceInOrder,
                $"message {message.LocalId} reached the agent twice");
            if (sender is not null)
            {
                var last = _lastIndexBySender.GetValueOrDefault(sender, -1);
                _context.Invariants.Check(index > last, InvariantNames.PhoneMessagesAtMostOnceInOrder,
                    $"message {message.Text} reached the agent after {sender}-{last}");
                _lastIndexBySender[sender] = index;
            }

            _deliveredInOrder.Add(message.LocalId);
        }

        _context.Log.Add("agent", "received", $"{message.LocalId} '{message.Text}'");
        MessageDelivered?.Invoke(message.LocalId);
    }

    private async Task AskPermissionAsync(Runner runner, AgentUserMessage message)
    {
        var requestId = "perm-" + message.LocalId;
        _context.Liveness.Open<PermissionResolvedMonitor>(requestId);
        using var timer = _context.Clock.CreateTimer(_ => runner.CancelWaits(), null, _script.PermissionTimeout, Timeout.InfiniteTimeSpan);
        _context.Log.Add("agent", "permission-ask", requestId);
        var decision = await _host.AwaitPermissionAsync(new PermissionAsk(runner.Generation, requestId, "Bash", "{}"), runner.WaitToken).ConfigureAwait(false);
        _context.Log.Add("agent", "permission-decided", $"{requestId} allow={decision.Allow} {decision.Message}");
        _context.Liveness.Close<PermissionResolvedMonitor>(requestId);
    }

    private async Task ReadyLaterAsync(Runner runner)
    {
        for (var i = 0; i < _context.Swarm.AgentReadySteps; i++)
        {
            await VirtualDelay.For(_context.Clock, TimeSpan.FromMilliseconds(200)).ConfigureAwait(false);
        }

        if (!runner.Alive)
        {
            return;
        }

        runner.Ready = true;
        _context.Log.Add("agent", "ready", $"gen {runner.Generation} {runner.Mode}");
        await _host.ReportAsync(new AgentReady(runner.Generation, runner.Mode), CancellationToken.None).ConfigureAwait(false);
    }

    private async Task CrashLaterAsync(Runner runner)
    {
        await VirtualDelay.For(_context.Clock, TimeSpan.FromMilliseconds(100 * (1 + _context.Random.NextInt(30)))).ConfigureAwait(false);
        lock (_gate)
        {
            if (!_alive.Remove(runner.Generation))
            {
                return;
            }
        }

        _context.Log.Add("agent", "crashed", $"gen {runner.Generation} {runner.Mode}");
        runner.Kill();
        await ReportExitAsync(runner, "crashed", late: false).ConfigureAwait(false);
    }

    private async Task ReportExitAsync(Runner runner, string? error, bool late)
    {
        if (late)
        {
            await VirtualDelay.For(_context.Clock, TimeSpan.FromSeconds(1 + _context.Random.NextInt(3))).ConfigureAwait(false);
        }

        _context.Log.Add("agent", "exited", $"gen {runner.Generation} {runner.Mode} {error}");
        await _host.ReportAsync(new AgentExited(runner.Generation, runner.Mode, error), CancellationToken.None).ConfigureAwait(false);
    }

    public Task<bool> InjectLineAsync(long generation, string text, CancellationToken cancellationToken) => Task.FromResult(false);

    public Task AbortAsync(long generation, CancellationToken cancellationToken)
    {
        Runner? runner;
        lock (_gate)
        {
            _alive.TryGetValue(generation, out runner);
        }

        runner?.CancelWaits();
        return Task.CompletedTask;
    }

    public Task ApplyConfigAsync(long generation, AgentConfig config, CancellationToken cancellationToken)
    {
        CurrentConfig = config;
        return Task.CompletedTask;
    }

    private void Track(Task task)
    {
        lock (_gate)
        {
            _background.Add(task);
        }
    }

    private static (string? Sender, int Index) ParseText(string text)
    {
        var dash = text.LastIndexOf('-');
        if (text.Length > 1 && text[0] == 'p' && dash > 1
            && int.TryParse(text.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return (text[..dash], index);
        }

        return (null, 0);
    }

    public async ValueTask DisposeAsync()
    {
        Runner[] runners;
        lock (_gate)
        {
            _disposed = true;
            runners = [.. _alive.Values];
            _alive.Clear();
        }

        foreach (var runner in runners)
        {
            runner.Kill();
        }

        while (true)
        {
            Task[] background;
            lock (_gate)
            {
                background = [.. _background];
                _background.Clear();
            }

            if (background.Length == 0)
            {
                return;
            }

            await Task.WhenAll(background).ConfigureAwait(false);
        }
    }

    private sealed class Runner(long generation, AgentMode mode)
    {
        private readonly CancellationTokenSource _waits = new();

        public long Generation { get; } = generation;

        public AgentMode Mode { get; } = mode;

        public bool Ready { get; set; }

        public bool Alive { get; private set; } = true;

        public CancellationToken WaitToken => _waits.Token;

        public void CancelWaits() => _waits.Cancel();

        public void Kill()
        {
            Alive = false;
            _waits.Cancel();
        }
    }
}
