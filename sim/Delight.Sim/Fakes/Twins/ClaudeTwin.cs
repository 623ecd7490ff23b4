using System.Globalization;
using System.Text.Json.Nodes;
using Delight.Runtime.Agents;
using Delight.Sim.Exploration;

namespace Delight.Sim.Fakes.Twins;

/// <summary>
/// The twin of <c>ClaudeRemoteEngine</c> and its bridge: a send sets working (with the thinking UI event) and returns
/// once the line is "written"; the bridge runs one queued message per turn in FIFO order, each turn reporting the
/// session id (first time only), its records and ending with <c>result</c> (working false once no message is
/// outstanding). A permission is a <c>control_request</c> round trip (tool UI start, prompt, tool UI end, reply).
/// Abort drops the turn silently, clears working and withdraws its prompts; Stop runs the kill sequence and reports
/// the exit; a crash reports working false, then the exit.
/// </summary>
public sealed class ClaudeTwin : TwinEngine
{
    private static readonly Dictionary<string, string> ModelAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["haiku"] = "claude-haiku-4-5",
        ["sonnet"] = "claude-sonnet-4-5",
        ["opus"] = "claude-opus-4-5",
    };

    public ClaudeTwin(SimContext context, IAgentHost host, AgentScript script)
        : base(context, host, script, EngineTwinProfiles.Claude)
    {
    }

    private protected override string NewSessionId(long generation) =>
        string.Create(CultureInfo.InvariantCulture, $"00000000-0000-4000-8000-{generation:D12}");

    private protected override async Task SendCoreAsync(TwinRunner runner, AgentUserMessage message, TwinDirective directive)
    {
        bool became;
        lock (Gate)
        {
            runner.TurnId = NewCuid();
            runner.Outstanding++;
            became = SetWorking(runner, true);
        }

        if (became)
        {
            await ReportWorkingAsync(runner, true).ConfigureAwait(false);
        }

        lock (Gate)
        {
            runner.Pending.Enqueue(message);
        }

        Pump(runner);
    }

    private protected override async Task AbortCoreAsync(TwinRunner runner)
    {
        CancellationTokenSource withdrawn;
        CancellationTokenSource? turn;
        bool stopped;
        lock (Gate)
        {
            withdrawn = runner.PermissionScope;
            runner.PermissionScope = new CancellationTokenSource();
            runner.Outstanding = Math.Max(0, runner.Outstanding - 1);
            stopped = runner.Outstanding == 0 && SetWorking(runner, false);
            turn = runner.TurnCancel;
        }

        withdrawn.Cancel();
        turn?.Cancel(); // the bridge kills Claude: no result, the queue goes on
        if (stopped)
        {
            await ReportWorkingAsync(runner, false).ConfigureAwait(false);
        }
    }

    private protected override AgentConfig NormalizeConfig(AgentConfig current, AgentConfig incoming) => new(
        Model: incoming.Model is null ? current.Model : NormalizeModel(incoming.Model),
        PermissionMode: incoming.PermissionMode is null ? current.PermissionMode ?? "default" : NormalizePermissionMode(incoming.PermissionMode),
        ReasoningEffort: null);

    private static string NormalizeModel(string model)
    {
        var trimmed = model.Trim();
        return trimmed.Length == 0 || trimmed.Equals("default", StringComparison.OrdinalIgnoreCase) ? string.Empty
            : ModelAliases.GetValueOrDefault(trimmed, trimmed);
    }

    private static string NormalizePermissionMode(string mode) => mode.Trim().ToLowerInvariant() switch
    {
        "" or "default" => "default",
        "plan" => "plan",
        "acceptedits" => "acceptEdits",
        "bypasspermissions" => "bypassPermissions",
        _ => mode,
    };

    /// <summary>The bridge's pump: at most one turn at a time, the next one after a result or an abort.</summary>
    private void Pump(TwinRunner runner)
    {
        AgentUserMessage next;
        CancellationTokenSource turn;
        lock (Gate)
        {
            if (runner.TurnRunning || runner.Pending.Count == 0 || !runner.Alive)
            {
                return;
            }

            next = runner.Pending.Dequeue();
            runner.TurnRunning = true;
            turn = runner.TurnCancel = new CancellationTokenSource();
        }

        Track(RunTurnAsync(runner, next, turn));
    }

    private async Task RunTurnAsync(TwinRunner runner, AgentUserMessage message, CancellationTokenSource turn)
    {
        var link = TwinClock.Link(turn.Token, runner.Lifetime);
        try
        {
            if (!await TwinClock.DelayAsync(Context.Clock, Draw(Profile.Turn.OutputDelay), link.Token).ConfigureAwait(false))
            {
                return;
            }

            await ReportSessionInitAsync(runner).ConfigureAwait(false);
            var directive = TwinDirectives.Parse(message.Text);
            if (directive == TwinDirective.Plain && Context.Random.Chance(Script.PermissionPercent))
            {
                directive = TwinDirective.Ask;
            }

            switch (directive)
            {
                case TwinDirective.Hang:
                    await TwinClock.UntilCancelledAsync(link.Token).ConfigureAwait(false);
                    return;
                case TwinDirective.Crash:
                    await ReportTextAsync(runner, "about to crash").ConfigureAwait(false);
                    await CrashAsync(runner, Profile.Exit.CrashError).ConfigureAwait(false);
                    return;
                case TwinDirective.Ask:
                    if (!await AskTurnAsync(runner, link).ConfigureAwait(false))
                    {
                        return;
                    }

                    break;
                default:
                    await ReportTextAsync(runner, Profile.Turn.ReplyPrefix + message.Text.Trim()).ConfigureAwait(false);
                    break;
            }

            if (runner.Alive)
            {
                await EndTurnAsync(runner).ConfigureAwait(false); // the result line
            }
        }
        finally
        {
            link.Release();
            lock (Gate)
            {
                runner.TurnRunning = false;
                if (ReferenceEquals(runner.TurnCancel, turn))
                {
                    runner.TurnCancel = null;
                }
            }

            Pump(runner);
        }
    }

    /// <summary><c>system/init</c>: the session id, reported when it differs from the last one this runner saw.</summary>
    private async Task ReportSessionInitAsync(TwinRunner runner)
    {
        lock (Gate)
        {
            if (runner.LastSessionId == runner.SessionId)
            {
                return;
            }

            runner.LastSessionId = runner.SessionId;
        }

        await ReportIfAliveAsync(runner, new AgentSessionIdentified(runner.Generation, AgentMode.Remote, runner.SessionId)).ConfigureAwait(false);
    }

    /// <summary>The golden transcript (§2.11): tool_use, control_request, then tool_result and the reply. False when
    /// the turn was dropped (abort or kill) while the prompt was up.</summary>
    private async Task<bool> AskTurnAsync(TwinRunner runner, TwinLink turn)
    {
        var n = NextNumber();
        var toolUseId = string.Create(CultureInfo.InvariantCulture, $"toolu_{n}");
        var requestId = string.Create(CultureInfo.InvariantCulture, $"{Profile.Permissions.RequestIdPrefix}{n}");
        var input = new JsonObject { ["command"] = "ls" };
        var now = NowMs();
        await ReportIfAliveAsync(runner, new AgentUiEvent(runner.Generation, AgentMode.Remote, "tool-" + toolUseId, "tool", "start", "running", "🔧 bash: ls", "### Tool: bash\n\n```sh\nls\n```", now)).ConfigureAwait(false);
        var uuid = NewCuid();
        await ReportIfAliveAsync(runner, new AgentOutboundRecord(runner.Generation, AgentMode.Remote, uuid, TwinRecords.ToolUse(uuid, Profile.RecordModel, toolUseId, "Bash", input), null, now)).ConfigureAwait(false);

        CancellationToken scope;
        lock (Gate)
        {
            scope = runner.PermissionScope.Token;
        }

        var decision = await AskAsync(runner, requestId, input.ToJsonString(), scope).ConfigureAwait(false);
        var output = turn.Token;
        if (decision is null && runner.Alive && scope.IsCancellationRequested && Context.Random.NextBool())
        {
            // Abort withdraws the prompt, and the engine writes the withdrawal's deny and the abort line to the
            // bridge from two tasks: when the deny lands first, Claude finishes the turn with the denial (ours races).
            decision = new PermissionDecision(false, "context canceled");
            output = runner.Lifetime;
            Log("deny-before-abort", requestId);
        }
        else if (decision is null || turn.IsCancellationRequested)
        {
            return false;
        }

        if (!await TwinClock.DelayAsync(Context.Clock, Draw(Profile.Turn.OutputDelay), output).ConfigureAwait(false))
        {
            return false;
        }

        var allowed = decision.Allow;
        var reason = decision.Message ?? string.Empty;
        now = NowMs();
        var status = allowed ? "ok" : "error";
        var content = allowed ? "a.txt" : "denied: " + reason;
        await ReportIfAliveAsync(runner, new AgentUiEvent(runner.Generation, AgentMode.Remote, "tool-" + toolUseId, "tool", "end", status, (allowed ? "✅ " : "❌ ") + "bash",
            "### Tool: bash (" + status + ")\n\n```\n\"" + content + "\"\n```", now)).ConfigureAwait(false);
        uuid = NewCuid();
        await ReportIfAliveAsync(runner, new AgentOutboundRecord(runner.Generation, AgentMode.Remote, uuid, TwinRecords.ToolResult(uuid, toolUseId, content, !allowed), null, now)).ConfigureAwait(false);
        await ReportTextAsync(runner, allowed ? "One file: a.txt" : "Permission denied: " + reason).ConfigureAwait(false);
        return true;
    }

    private async Task EndTurnAsync(TwinRunner runner)
    {
        bool stopped;
        lock (Gate)
        {
            runner.Outstanding = Math.Max(0, runner.Outstanding - 1);
            stopped = runner.Outstanding == 0 && runner.Alive && SetWorking(runner, false);
        }

        if (stopped)
        {
            await ReportWorkingAsync(runner, false).ConfigureAwait(false);
        }
    }
}
