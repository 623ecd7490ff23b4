using System.Globalization;
using Delight.Runtime.Agents;
using Delight.Sim.Exploration;

namespace Delight.Sim.Fakes.Twins;

/// <summary>
/// The twin of <c>CodexAppServerEngine</c>: start reports the thread id twice (notification and response; once on
/// resume), then ready. A send while busy is rejected with the visible "still working…" record and no crash;
/// otherwise it waits (≤ 10 s) for <c>turn/started</c>, which sets working with the thinking UI event, and returns;
/// the turn then reports its record and <c>turn/completed</c> clears working. Abort interrupts the active turn (or
/// the turn about to start); Stop clears working silently, with no exit; an app-server death reports working false,
/// then the exit (ours; upstream wedges).
/// </summary>
public sealed class CodexTwin : TwinEngine
{
    public CodexTwin(SimContext context, IAgentHost host, AgentScript script)
        : base(context, host, script, EngineTwinProfiles.Codex)
    {
    }

    private protected override string NewSessionId(long generation) => string.Create(CultureInfo.InvariantCulture, $"thr_sim_{generation}");

    private protected override async Task SendCoreAsync(TwinRunner runner, AgentUserMessage message, TwinDirective directive)
    {
        bool busy;
        lock (Gate)
        {
            busy = runner.ActiveTurn is not null || runner.TurnStartPending;
            if (!busy)
            {
                runner.TurnStartPending = true;
                runner.AbortRequested = false;
            }
        }

        if (busy)
        {
            await ReportTextAsync(runner, Profile.Turn.BusyText!).ConfigureAwait(false); // the message is dropped
            return;
        }

        var calledAtMs = NowMs();
        var late = directive == TwinDirective.LateStart || Context.Random.Chance(Math.Max(Script.LateTurnStartPercent, Context.Swarm.AgentSlowSendPercent / 4));
        try
        {
            var wait = late ? Profile.Turn.StartBound : Draw(Profile.Turn.StartDelay);
            if (!await TwinClock.DelayAsync(Context.Clock, wait, runner.Lifetime).ConfigureAwait(false))
            {
                throw new TwinNotRunningException("codex remote mode stopped");
            }
        }
        finally
        {
            lock (Gate)
            {
                runner.TurnStartPending = false;
            }
        }

        if (late)
        {
            // The send gives up after 10 s and fails visibly, but the server still starts the turn later: its
            // turn/started sets the active turn and working like any other (ours does not ignore it).
            Track(LateTurnStartedAsync(runner, message, directive));
            var error = string.Create(CultureInfo.InvariantCulture, $"timed out waiting for turn/started (after turn/start atMs={calledAtMs})");
            await ReportTextAsync(runner, "Remote Codex request failed: " + error).ConfigureAwait(false);
            throw new TwinEngineException(error);
        }

        await BeginTurnAsync(runner, message, directive).ConfigureAwait(false);
    }

    private async Task LateTurnStartedAsync(TwinRunner runner, AgentUserMessage message, TwinDirective directive)
    {
        if (await TwinClock.DelayAsync(Context.Clock, Draw(Profile.Turn.StartDelay), runner.Lifetime).ConfigureAwait(false))
        {
            await BeginTurnAsync(runner, message, directive).ConfigureAwait(false);
        }
    }

    /// <summary><c>turn/started</c>: the active turn, working with the thinking UI event, then the turn runs.</summary>
    private async Task BeginTurnAsync(TwinRunner runner, AgentUserMessage message, TwinDirective directive)
    {
        string turnId;
        CancellationTokenSource turn;
        bool became;
        bool interrupt;
        lock (Gate)
        {
            if (!runner.Alive)
            {
                return;
            }

            turnId = string.Create(CultureInfo.InvariantCulture, $"turn_{++runner.Turns}");
            runner.ActiveTurn = turnId;
            runner.TurnId = turnId;
            turn = runner.TurnCancel = new CancellationTokenSource();
            became = SetWorking(runner, true);
            interrupt = runner.AbortRequested;
            runner.AbortRequested = false;
        }

        if (became)
        {
            await ReportWorkingAsync(runner, true).ConfigureAwait(false);
        }

        Track(RunTurnAsync(runner, turnId, message, directive, turn));
        if (interrupt)
        {
            Track(InterruptAsync(runner, turnId)); // ours: an abort before turn/started interrupts the turn once it starts
        }
    }

    private protected override Task AbortCoreAsync(TwinRunner runner)
    {
        string? turn;
        lock (Gate)
        {
            turn = runner.ActiveTurn;
            if (turn is null && runner.TurnStartPending)
            {
                runner.AbortRequested = true;
                return Task.CompletedTask;
            }
        }

        if (turn is not null)
        {
            Track(InterruptAsync(runner, turn));
        }

        return Task.CompletedTask;
    }

    private protected override AgentConfig NormalizeConfig(AgentConfig current, AgentConfig incoming) => new(
        Model: string.IsNullOrWhiteSpace(incoming.Model) ? current.Model ?? "gpt-5.2-codex" : incoming.Model.Trim(),
        PermissionMode: incoming.PermissionMode is null ? current.PermissionMode ?? "default"
            : incoming.PermissionMode.Trim() is "default" or "read-only" or "safe-yolo" or "yolo" ? incoming.PermissionMode.Trim() : "default",
        ReasoningEffort: string.IsNullOrWhiteSpace(incoming.ReasoningEffort) ? current.ReasoningEffort ?? "medium" : incoming.ReasoningEffort.Trim());

    private async Task RunTurnAsync(TwinRunner runner, string turnId, AgentUserMessage message, TwinDirective directive, CancellationTokenSource turn)
    {
        var link = TwinClock.Link(turn.Token, runner.Lifetime);
        try
        {
            switch (directive)
            {
                case TwinDirective.Hang or TwinDirective.LateStart:
                    await TwinClock.UntilCancelledAsync(link.Token).ConfigureAwait(false);
                    return; // the interrupt's turn/completed ends it
                case TwinDirective.Crash:
                    if (await TwinClock.DelayAsync(Context.Clock, Draw(Profile.Turn.OutputDelay), link.Token).ConfigureAwait(false))
                    {
                        await CrashAsync(runner, Profile.Exit.CrashError).ConfigureAwait(false); // item/started, then the process exits
                    }

                    return;
                default:
                    // Codex never asks (approval policy "never"): an "ask" is an ordinary turn.
                    if (!await TwinClock.DelayAsync(Context.Clock, Draw(Profile.Turn.OutputDelay), link.Token).ConfigureAwait(false))
                    {
                        return;
                    }

                    await ReportTextAsync(runner, Profile.Turn.ReplyPrefix + message.Text.Trim()).ConfigureAwait(false);
                    if (await TwinClock.DelayAsync(Context.Clock, Draw(Profile.Turn.InterruptDelay), link.Token).ConfigureAwait(false))
                    {
                        await CompleteTurnAsync(runner, turnId).ConfigureAwait(false);
                    }

                    return;
            }
        }
        finally
        {
            link.Release();
        }
    }

    /// <summary><c>turn/interrupt</c>: the server stops the turn and answers with <c>turn/completed</c> (interrupted).</summary>
    private async Task InterruptAsync(TwinRunner runner, string turnId)
    {
        CancellationTokenSource? turn;
        lock (Gate)
        {
            turn = runner.ActiveTurn == turnId ? runner.TurnCancel : null;
        }

        turn?.Cancel();
        if (await TwinClock.DelayAsync(Context.Clock, Draw(Profile.Turn.InterruptDelay), runner.Lifetime).ConfigureAwait(false))
        {
            await CompleteTurnAsync(runner, turnId).ConfigureAwait(false);
        }
    }

    /// <summary><c>turn/completed</c>: matched by turn id; clears busy and working.</summary>
    private async Task CompleteTurnAsync(TwinRunner runner, string turnId)
    {
        bool stopped;
        lock (Gate)
        {
            if (runner.ActiveTurn != turnId || !runner.Alive)
            {
                return;
            }

            runner.ActiveTurn = null;
            runner.TurnCancel = null;
            stopped = SetWorking(runner, false);
        }

        if (stopped)
        {
            await ReportWorkingAsync(runner, false).ConfigureAwait(false);
        }
    }
}
