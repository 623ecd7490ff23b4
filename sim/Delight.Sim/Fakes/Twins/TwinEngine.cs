using System.Globalization;
using Delight.Runtime.Agents;
using Delight.Sim.Exploration;
using Delight.Sim.Invariants;
using Delight.Sim.Invariants.Liveness;

namespace Delight.Sim.Fakes.Twins;

/// <summary>
/// The simulated twin of one real engine: behaves per its <see cref="EngineTwinProfile"/> with every delay and choice
/// drawn from <see cref="SimContext.Random"/> on the virtual clock (Coyote-safe: no Task.Delay, no real timers, no
/// channels; locks on a plain object). It is also a checker: at most one runner alive, and every phone message
/// (<c>p{sender}-{n}</c>) reaches it at most once and in the order each sender sent it. Subclasses implement the turn
/// semantics of their engine; this base owns starts, stops, exits, crashes, permissions and the checks.
/// </summary>
public abstract class TwinEngine : IAgentEngine
{
    private readonly object _gate = new();
    private readonly Dictionary<long, TwinRunner> _alive = [];
    private readonly HashSet<string> _delivered = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _lastIndexBySender = new(StringComparer.Ordinal);
    private readonly List<Task> _background = [];
    private readonly List<string> _deliveredInOrder = [];
    private readonly CancellationTokenSource _disposing = new();
    private long _ids;
    private bool _disposed;
    private AgentConfig _config = AgentConfig.Empty;

    private protected TwinEngine(SimContext context, IAgentHost host, AgentScript script, EngineTwinProfile profile)
    {
        Context = context ?? throw new ArgumentNullException(nameof(context));
        Host = host ?? throw new ArgumentNullException(nameof(host));
        Script = script ?? throw new ArgumentNullException(nameof(script));
        Profile = profile ?? throw new ArgumentNullException(nameof(profile));
    }

    public EngineTwinProfile Profile { get; }

    public EngineKind Kind => Profile.Kind;

    /// <summary>The real engine's agent type (<c>claude</c>, <c>codex</c>, <c>acp</c>, <c>fake</c>), so captures and
    /// logs show which engine the simulation stood in for.</summary>
    public string AgentType => Profile.AgentType;

    public AgentCapabilities Capabilities => Profile.Capabilities;

    public AgentConfig CurrentConfig
    {
        get
        {
            lock (_gate)
            {
                return _config;
            }
        }
    }

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

    /// <summary>Raised with the text when a line is typed into a local runner (Claude local, when the script allows it).</summary>
    public event Action<string>? LineInjected;

    private protected SimContext Context { get; }

    private protected IAgentHost Host { get; }

    private protected AgentScript Script { get; }

    private protected object Gate => _gate;

    public async Task StartAsync(AgentStartSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        TwinRunner runner;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var others = string.Join(",", _alive.Keys);
            Context.Invariants.Check(_alive.Count == 0, InvariantNames.AtMostOneRunner,
                $"runner gen {spec.Generation} ({spec.Mode}) started while gen {others} is alive");
            runner = new TwinRunner(spec.Generation, spec.Mode, spec.ResumeToken ?? NewSessionId(spec.Generation));
            runner.LastSessionId = spec.ResumeToken;
            _alive[spec.Generation] = runner;
            _config = NormalizeConfig(_config, spec.Config ?? AgentConfig.Empty);
        }

        Log("started", $"gen {spec.Generation} {spec.Mode}");
        try
        {
            if (spec.Mode == AgentMode.Local)
            {
                await StartLocalAsync(runner).ConfigureAwait(false);
            }
            else
            {
                await StartRemoteAsync(runner, spec.ResumeToken).ConfigureAwait(false);
            }
        }
        catch (TwinStartException e)
        {
            Forget(runner);
            runner.Kill();
            Log("start-failed", $"gen {spec.Generation} {spec.Mode}: {e.Message}");
            throw;
        }

        if (Profile.Exit.Crash == CrashStyle.ProcessExit && Context.Random.Chance(Context.Swarm.AgentCrashPercent))
        {
            Track(CrashLaterAsync(runner));
        }
    }

    public async Task StopAsync(AgentMode mode, long generation, CancellationToken cancellationToken)
    {
        TwinRunner? runner;
        lock (_gate)
        {
            if (_alive.TryGetValue(generation, out runner) && runner.Mode == mode)
            {
                _alive.Remove(generation);
            }
            else
            {
                runner = null;
            }
        }

        if (runner is null)
        {
            return;
        }

        Log("stopped", $"gen {generation} {mode}");
        runner.Kill();
        var exits = mode == AgentMode.Remote ? Profile.Exit.OnStop : Profile.Local.IsProcess;
        if (exits)
        {
            var delay = mode == AgentMode.Remote ? Profile.Exit.StopExitDelay : Profile.Local.StopExitDelay;
            Track(ReportExitAsync(runner, delay.Draw(Context.Random), mode == AgentMode.Remote ? Profile.Exit.StopError : "signal: interrupt", Script.LateExitDelivery));
        }
        else if (mode == AgentMode.Remote)
        {
            // Engines without an exit event clear working inside Stop (Codex); the others never hold it across Stop.
            await ClearWorkingAsync(runner).ConfigureAwait(false);
        }
    }

    public async Task SendUserMessageAsync(long generation, AgentUserMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        TwinRunner? runner;
        lock (_gate)
        {
            _alive.TryGetValue(generation, out runner);
        }

        if (runner is null || runner.Mode != AgentMode.Remote || !runner.Ready || !runner.Alive)
        {
            throw new TwinNotRunningException(Profile.Turn.NotRunningMessage);
        }

        Receive(message);
        if (Profile.Turn.Returns != SendReturns.Synchronously && Context.Random.Chance(Context.Swarm.AgentSlowSendPercent))
        {
            // A slow write (a full pipe, a slow HTTP connect): the send itself takes a while.
            await TwinClock.DelayAsync(Context.Clock, TimeSpan.FromSeconds(1 + Context.Random.NextInt(3)), runner.Lifetime).ConfigureAwait(false);
        }

        await SendCoreAsync(runner, message, TwinDirectives.Parse(message.Text)).ConfigureAwait(false);
    }

    public Task<bool> InjectLineAsync(long generation, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        TwinRunner? runner;
        lock (_gate)
        {
            _alive.TryGetValue(generation, out runner);
        }

        if (!Profile.Local.AcceptsInjection || !Script.LocalInjection || runner is not { Mode: AgentMode.Local, Ready: true, Alive: true })
        {
            return Task.FromResult(false);
        }

        CheckOrder(text);
        Log("injected", $"gen {generation} '{text}'");
        LineInjected?.Invoke(text);
        Track(EchoInjectedLineAsync(runner, text));
        return Task.FromResult(true);
    }

    public async Task AbortAsync(long generation, CancellationToken cancellationToken)
    {
        TwinRunner? runner;
        lock (_gate)
        {
            _alive.TryGetValue(generation, out runner);
        }

        if (runner is { Mode: AgentMode.Remote, Alive: true })
        {
            Log("abort", $"gen {generation}");
            await AbortCoreAsync(runner).ConfigureAwait(false);
        }
    }

    public Task ApplyConfigAsync(long generation, AgentConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        lock (_gate)
        {
            _config = NormalizeConfig(_config, config);
        }

        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        TwinRunner[] runners;
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

        // Pending exit reports skip their remaining delay, so nothing waits on a clock that is about to stop.
        _disposing.Cancel();
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
                break;
            }

            await Delight.Runtime.Actor.Awaits.AllAsync(background).ConfigureAwait(false);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>The turn: called after the delivery checks, with the directive the text carries.</summary>
    private protected abstract Task SendCoreAsync(TwinRunner runner, AgentUserMessage message, TwinDirective directive);

    private protected abstract Task AbortCoreAsync(TwinRunner runner);

    /// <summary>How the engine stores a configuration (ApplyConfig and the start's config). Default: ignored.</summary>
    private protected virtual AgentConfig NormalizeConfig(AgentConfig current, AgentConfig incoming) => current;

    /// <summary>The session id a runner without a resume token reports (Claude's <c>system/init</c>, Codex's thread).</summary>
    private protected virtual string NewSessionId(long generation) => string.Create(CultureInfo.InvariantCulture, $"sim-session-{generation}");

    private async Task StartRemoteAsync(TwinRunner runner, string? resumeToken)
    {
        var start = Profile.Start;
        if (start.FailureMessage is { } failure && Context.Random.Chance(Script.RemoteStartFailurePercent))
        {
            await TwinClock.DelayAsync(Context.Clock, start.ReadyStep.Draw(Context.Random), runner.Lifetime).ConfigureAwait(false);
            throw new TwinStartException(failure);
        }

        if (Context.Swarm.AgentNeverReady && start.ReadyBound > TimeSpan.Zero)
        {
            Log("never-ready", $"gen {runner.Generation}");
            await TwinClock.DelayAsync(Context.Clock, start.ReadyBound, runner.Lifetime).ConfigureAwait(false);
            throw new TwinStartException(start.NeverReadyMessage);
        }

        var ready = TimeSpan.Zero;
        for (var i = 0; i < Context.Swarm.AgentReadySteps; i++)
        {
            ready += start.ReadyStep.Draw(Context.Random);
        }

        if (ready >= start.ReadyBound && start.ReadyBound > TimeSpan.Zero)
        {
            await TwinClock.DelayAsync(Context.Clock, start.ReadyBound, runner.Lifetime).ConfigureAwait(false);
            throw new TwinStartException(start.NeverReadyMessage);
        }

        if (!await TwinClock.DelayAsync(Context.Clock, ready, runner.Lifetime).ConfigureAwait(false))
        {
            throw new TwinStartException("stopped before ready");
        }

        var identified = resumeToken is null ? start.SessionIdsOnNewStart : start.SessionIdsOnResume;
        for (var i = 0; i < identified; i++)
        {
            await ReportAsync(new AgentSessionIdentified(runner.Generation, AgentMode.Remote, runner.SessionId)).ConfigureAwait(false);
        }

        await MarkReadyAsync(runner).ConfigureAwait(false);
    }

    private async Task StartLocalAsync(TwinRunner runner)
    {
        if (!await TwinClock.DelayAsync(Context.Clock, Profile.Local.ReadyDelay.Draw(Context.Random), runner.Lifetime).ConfigureAwait(false))
        {
            throw new TwinStartException("stopped before ready");
        }

        if (Profile.Local.ReportsRolloutPath)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"/sim/.codex/sessions/rollout-{runner.SessionId}.jsonl");
            await ReportAsync(new AgentRolloutPath(runner.Generation, AgentMode.Local, path)).ConfigureAwait(false);
        }

        await MarkReadyAsync(runner).ConfigureAwait(false);
    }

    private async Task MarkReadyAsync(TwinRunner runner)
    {
        lock (_gate)
        {
            if (!runner.Alive)
            {
                throw new TwinStartException("stopped before ready");
            }

            runner.Ready = true;
        }

        Log("ready", $"gen {runner.Generation} {runner.Mode}");
        await ReportAsync(new AgentReady(runner.Generation, runner.Mode)).ConfigureAwait(false);
    }

    /// <summary>A drawn crash some time after the start (the child process dies on its own).</summary>
    private async Task CrashLaterAsync(TwinRunner runner)
    {
        var delay = TimeSpan.FromMilliseconds(100 * (1 + Context.Random.NextInt(30)));
        if (await TwinClock.DelayAsync(Context.Clock, delay, runner.Lifetime).ConfigureAwait(false))
        {
            await CrashAsync(runner, "exit status 1").ConfigureAwait(false);
        }
    }

    /// <summary>The runner's process dies: working is cleared, then <see cref="AgentExited"/> with the error.</summary>
    private protected async Task CrashAsync(TwinRunner runner, string error)
    {
        if (!Forget(runner))
        {
            return;
        }

        Log("crashed", $"gen {runner.Generation} {runner.Mode} {error}");
        runner.Kill();
        await ReportExitAsync(runner, TimeSpan.Zero, error, late: false).ConfigureAwait(false);
    }

    private async Task ReportExitAsync(TwinRunner runner, TimeSpan delay, string? error, bool late)
    {
        if (late)
        {
            delay += TimeSpan.FromSeconds(1 + Context.Random.NextInt(3));
        }

        await TwinClock.DelayAsync(Context.Clock, delay, _disposing.Token).ConfigureAwait(false);
        await ClearWorkingAsync(runner).ConfigureAwait(false);
        Log("exited", $"gen {runner.Generation} {runner.Mode} {error}");
        await ReportAsync(new AgentExited(runner.Generation, runner.Mode, error)).ConfigureAwait(false);
    }

    /// <summary>Claude local: the scanner reads the injected text back from the transcript (RUNTIME.md §7, d3c1325).</summary>
    private async Task EchoInjectedLineAsync(TwinRunner runner, string text)
    {
        if (await TwinClock.DelayAsync(Context.Clock, TimeSpan.FromMilliseconds(50 + Context.Random.NextInt(500)), runner.Lifetime).ConfigureAwait(false))
        {
            var uuid = NewCuid();
            var record = TwinRecords.LocalTranscriptUser(uuid, runner.SessionId, text, Context.Clock.GetUtcNow());
            await ReportIfAliveAsync(runner, new AgentOutboundRecord(runner.Generation, AgentMode.Local, uuid, record, text.Trim(), NowMs())).ConfigureAwait(false);
        }
    }

    /// <summary>Changes the runner's working flag; true when it changed. Caller holds the lock.</summary>
    private protected static bool SetWorking(TwinRunner runner, bool working)
    {
        if (runner.Working == working)
        {
            return false;
        }

        runner.Working = working;
        if (working)
        {
            runner.ThinkingTurnId = runner.TurnId;
        }

        return true;
    }

    /// <summary>Reports a working edge, with the thinking UI event when the engine has one.</summary>
    private protected async Task ReportWorkingAsync(TwinRunner runner, bool working)
    {
        var now = NowMs();
        string? turnId;
        lock (_gate)
        {
            turnId = runner.ThinkingTurnId;
        }

        await ReportAsync(new AgentWorking(runner.Generation, runner.Mode, working, now)).ConfigureAwait(false);
        if (Profile.Turn.ThinkingUi && turnId is not null)
        {
            await ReportAsync(working
                ? new AgentUiEvent(runner.Generation, runner.Mode, "thinking-" + turnId, "thinking", "update", "running", "Thinking…", string.Empty, now)
                : new AgentUiEvent(runner.Generation, runner.Mode, "thinking-" + turnId, "thinking", "end", "ok", string.Empty, string.Empty, now)).ConfigureAwait(false);
        }
    }

    private protected async Task ClearWorkingAsync(TwinRunner runner)
    {
        bool was;
        lock (_gate)
        {
            runner.Outstanding = 0;
            was = SetWorking(runner, false);
        }

        if (was)
        {
            await ReportWorkingAsync(runner, false).ConfigureAwait(false);
        }
    }

    /// <summary>Reports an assistant text record in the engine's shape (model per profile).</summary>
    private protected Task ReportTextAsync(TwinRunner runner, string text)
    {
        var uuid = NewCuid();
        return ReportIfAliveAsync(runner, new AgentOutboundRecord(runner.Generation, runner.Mode, uuid, TwinRecords.AssistantText(uuid, Profile.RecordModel, text), null, NowMs()));
    }

    /// <summary>
    /// Asks the phone through the host and waits, like the real engines: the wait ends with the decision, with a deny
    /// when the engine's own timeout fires, or with null when <paramref name="withdraw"/> or the runner's death
    /// cancels it (the host withdraws the prompt). A liveness obligation is open while it waits.
    /// </summary>
    private protected async Task<PermissionDecision?> AskAsync(TwinRunner runner, string requestId, string inputJson, CancellationToken withdraw)
    {
        var timeout = new CancellationTokenSource();
        var link = TwinClock.Link(withdraw, runner.Lifetime, timeout.Token);
        using var timer = Context.Clock.CreateTimer(_ => timeout.Cancel(), null, Script.PermissionTimeout, Timeout.InfiniteTimeSpan);
        Context.Liveness.Open<PermissionResolvedMonitor>(requestId);
        Log("permission-ask", requestId);
        try
        {
            var decision = await Host.AwaitPermissionAsync(new PermissionAsk(runner.Generation, requestId, Profile.Permissions.ToolName, inputJson), link.Token).ConfigureAwait(false);
            Log("permission-decided", $"{requestId} allow={decision.Allow} {decision.Message}");
            return decision;
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            if (timeout.IsCancellationRequested && !withdraw.IsCancellationRequested && runner.Alive)
            {
                Log("permission-timeout", requestId);
                // Only a long wait is evidence: a short engine timeout (S5) may beat a busy loop fairly.
                Context.Invariants.Check(Script.PermissionTimeout < TimeSpan.FromMinutes(1) || Context.ReducedAsks.Contains(requestId), InvariantNames.EffectsNeverStallTheLoop,
                    $"{requestId} timed out after {Script.PermissionTimeout.TotalSeconds:0} s before the session loop ever reduced the ask: the loop was stalled");
                return new PermissionDecision(false, Profile.Permissions.TimeoutDenyMessage);
            }

            Log("permission-withdrawn", requestId);
            return null;
        }
        finally
        {
            link.Release();
            Context.Liveness.Close<PermissionResolvedMonitor>(requestId);
        }
    }

    /// <summary>Awaited here, not forwarded: Coyote's rewriter produces an invalid program for a forwarded ValueTask.</summary>
    private protected async Task ReportAsync(AgentEvent agentEvent) => await Host.ReportAsync(agentEvent, CancellationToken.None).ConfigureAwait(false);

    /// <summary>Output of a killed runner is not reported (its process is gone).</summary>
    private protected async Task ReportIfAliveAsync(TwinRunner runner, AgentEvent agentEvent)
    {
        if (runner.Alive)
        {
            await ReportAsync(agentEvent).ConfigureAwait(false);
        }
    }

    /// <summary>Runs a turn in the background; DisposeAsync waits for it. Failures are logged, never thrown at dispose.</summary>
    private protected void Track(Task task)
    {
        lock (_gate)
        {
            _background.RemoveAll(t => t.IsCompleted);
            _background.Add(Guard(task));
        }
    }

    private protected TimeSpan Draw(TwinDelay delay) => delay.Draw(Context.Random);

    private protected long NowMs() => Context.Clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>A CUID-like id ("c" + decimal nanoseconds), deterministic on the virtual clock.</summary>
    private protected string NewCuid()
    {
        var n = Interlocked.Increment(ref _ids);
        return string.Create(CultureInfo.InvariantCulture, $"c{(NowMs() * 1_000_000) + n}");
    }

    private protected long NextNumber() => Interlocked.Increment(ref _ids);

    private protected void Log(string kind, string detail) => Context.Log.Add("agent", kind, $"{Profile.AgentType} {detail}");

    private bool Forget(TwinRunner runner)
    {
        lock (_gate)
        {
            return _alive.TryGetValue(runner.Generation, out var current) && ReferenceEquals(current, runner) && _alive.Remove(runner.Generation);
        }
    }

    private async Task Guard(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Log("background-error", e.GetType().Name + ": " + e.Message);
        }
    }

    private void Receive(AgentUserMessage message)
    {
        lock (_gate)
        {
            Context.Invariants.Check(_delivered.Add(message.LocalId), InvariantNames.PhoneMessagesAtMostOnceInOrder,
                $"message {message.LocalId} reached the agent twice");
            CheckOrder(message.Text);
            _deliveredInOrder.Add(message.LocalId);
        }

        Log("received", $"{message.LocalId} '{message.Text}'");
        MessageDelivered?.Invoke(message.LocalId);
    }

    /// <summary>Phone texts look like "p{sender}-{index}": per sender, each index at most once and increasing, whether
    /// sent to the remote runner or typed into the local one.</summary>
    private void CheckOrder(string text)
    {
        var (sender, index) = ParseText(text.Trim());
        if (sender is null)
        {
            return;
        }

        lock (_gate)
        {
            var last = _lastIndexBySender.GetValueOrDefault(sender, -1);
            Context.Invariants.Check(index > last, InvariantNames.PhoneMessagesAtMostOnceInOrder,
                $"message {text} reached the agent after {sender}-{last}");
            _lastIndexBySender[sender] = index;
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
}
