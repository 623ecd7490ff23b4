using System.Globalization;
using Delight.Runtime.Agents;
using Delight.Sim.Exploration;

namespace Delight.Sim.Fakes.Twins;

/// <summary>
/// The twin of <c>AcpEngine</c>: ready at once in either mode, never exits. A send blocks for the whole turn (working
/// true, the run, working false whatever the outcome), permission waits included: an <c>awaiting</c> run asks with
/// request id <c>acp-&lt;run&gt;</c> and tool <c>acp.await</c>, then resumes with the decision (a timeout resumes with a
/// deny). Abort or a newer send cancels the turn and withdraws its prompt; Stop cancels it too, silently. A crash is
/// the server dropping the request: a visible "ACP turn failed" record and a failed send.
/// </summary>
public sealed class AcpTwin : TwinEngine
{
    public AcpTwin(SimContext context, IAgentHost host, AgentScript script)
        : base(context, host, script, EngineTwinProfiles.Acp)
    {
    }

    private protected override async Task SendCoreAsync(TwinRunner runner, AgentUserMessage message, TwinDirective directive)
    {
        CancellationTokenSource turn;
        CancellationTokenSource? previous;
        lock (Gate)
        {
            previous = runner.TurnCancel;
            turn = runner.TurnCancel = new CancellationTokenSource();
        }

        previous?.Cancel();
        await ReportAsync(new AgentWorking(runner.Generation, AgentMode.Remote, true, NowMs())).ConfigureAwait(false);
        var link = TwinClock.Link(turn.Token, runner.Lifetime);
        try
        {
            if (!await TwinClock.DelayAsync(Context.Clock, Draw(Profile.Turn.OutputDelay), link.Token).ConfigureAwait(false))
            {
                return; // cancelled: not a failure
            }

            if (directive == TwinDirective.Crash || Context.Random.Chance(Context.Swarm.AgentCrashPercent))
            {
                Log("crashed", $"gen {runner.Generation} request dropped");
                await ReportTextAsync(runner, "ACP turn failed: " + Profile.Exit.CrashError).ConfigureAwait(false);
                throw new TwinEngineException(Profile.Exit.CrashError);
            }

            if (directive == TwinDirective.Plain && Context.Random.Chance(Script.PermissionPercent))
            {
                directive = TwinDirective.Ask;
            }

            switch (directive)
            {
                case TwinDirective.Hang:
                    await TwinClock.UntilCancelledAsync(link.Token).ConfigureAwait(false); // polls a run that stays running
                    return;
                case TwinDirective.Ask:
                    var runId = string.Create(CultureInfo.InvariantCulture, $"00000000-0000-4000-8000-{NextNumber():D12}");
                    var decision = await AskAsync(runner, Profile.Permissions.RequestIdPrefix + runId, "{\"await\":{\"reason\":\"permission\"}}", turn.Token).ConfigureAwait(false);
                    if (decision is null || !await TwinClock.DelayAsync(Context.Clock, Draw(Profile.Turn.OutputDelay), link.Token).ConfigureAwait(false))
                    {
                        return;
                    }

                    var verdict = decision.Allow ? decision.Message ?? string.Empty : "denied: " + decision.Message;
                    await ReportTextAsync(runner, Profile.Turn.ReplyPrefix + message.Text.Trim() + " (" + verdict + ")").ConfigureAwait(false);
                    return;
                default:
                    await ReportTextAsync(runner, Profile.Turn.ReplyPrefix + message.Text.Trim()).ConfigureAwait(false);
                    return;
            }
        }
        finally
        {
            link.Release();
            lock (Gate)
            {
                if (ReferenceEquals(runner.TurnCancel, turn))
                {
                    runner.TurnCancel = null;
                }
            }

            await ReportAsync(new AgentWorking(runner.Generation, AgentMode.Remote, false, NowMs())).ConfigureAwait(false);
        }
    }

    private protected override Task AbortCoreAsync(TwinRunner runner)
    {
        CancellationTokenSource? turn;
        lock (Gate)
        {
            turn = runner.TurnCancel;
        }

        turn?.Cancel();
        return Task.CompletedTask;
    }
}
