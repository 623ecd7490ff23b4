using Delight.Runtime.Agents;
using Delight.Runtime.Mutants;

namespace Delight.Runtime.Session;

/// <summary>
/// What the session offers an engine (RUNTIME.md §5): engine events become inbox events, posted with backpressure and
/// never dropped, keeping the generation the engine was started with (fix for 3.10-A). A permission wait posts
/// <see cref="PermissionAwaited"/> with a fresh decision id and awaits the decision; if the engine cancels the wait
/// (turn abort, runner stop, its own timeout) it posts <see cref="PermissionWithdrawn"/> so the prompt leaves the phone.
/// </summary>
public sealed class SessionAgentHost : IAgentHost
{
    private readonly SessionEffects _effects;
    private readonly Func<SessionEvent, ValueTask> _post;
    private readonly CompletionRegistry<PermissionDecision> _decisions;
    private readonly TimeProvider _time;

    internal SessionAgentHost(SessionEffects effects, Func<SessionEvent, ValueTask> post, CompletionRegistry<PermissionDecision> decisions, TimeProvider time)
    {
        _effects = effects;
        _post = post;
        _decisions = decisions;
        _time = time;
    }

    public async ValueTask ReportAsync(AgentEvent agentEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agentEvent);
        cancellationToken.ThrowIfCancellationRequested();
        var gen = MutantSwitches.IsArmed(Mutant.GenerationStampedAtDelivery)
            ? _effects.LastStartedGeneration(agentEvent.Mode) // seeded defect: the generation current at delivery
            : agentEvent.Generation;
        var now = NowMs();
        SessionEvent e = agentEvent switch
        {
            AgentReady r => new RunnerReady(gen, r.Mode, now),
            AgentExited x => new RunnerExited(gen, x.Mode, x.Error, now),
            AgentWorking w => new EngineWorking(gen, w.Mode, w.Working, w.AtMs),
            AgentUiEvent u => new EngineUiEvent(gen, u.Mode, u.EventId, u.Kind, u.Phase, u.Status, u.BriefMarkdown, u.FullMarkdown, u.AtMs),
            AgentOutboundRecord o => new OutboundRecordReady(gen, o.Mode, o.LocalId, o.RecordJson, o.UserTextNormalized, o.AtMs),
            AgentSessionIdentified s => new EngineSessionIdentified(gen, s.Mode, s.ResumeToken, now),
            AgentRolloutPath p => new EngineRolloutPath(gen, p.Path, now),
            _ => throw new ArgumentException($"unknown agent event {agentEvent.GetType().Name}", nameof(agentEvent)),
        };
        // After the runtime stopped there is no one left to tell (an engine's late exit report during shutdown).
        await _effects.PostSafeAsync(e).ConfigureAwait(false);
    }

    public async Task<PermissionDecision> AwaitPermissionAsync(PermissionAsk ask, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ask);
        var (decisionId, decision) = _decisions.Register();
        await _post(new PermissionAwaited(ask.Generation, ask.RequestId, ask.ToolName, ask.InputJson, decisionId, NowMs())).ConfigureAwait(false);
        try
        {
            return await Actor.TaskWaits.WaitAsync(decision, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _decisions.Forget(decisionId);
            await _effects.PostSafeAsync(new PermissionWithdrawn(ask.RequestId, decisionId, "the agent stopped waiting", NowMs())).ConfigureAwait(false);
            throw;
        }
    }

    private long NowMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();
}
