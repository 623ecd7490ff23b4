using Delight.Runtime.Agents;

namespace Delight.Sim.Fakes.Twins;

/// <summary>The four profiles. Each line cites where the behaviour comes from (ENGINES.md § or our engine).</summary>
public static class EngineTwinProfiles
{
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    /// <summary>ClaudeRemoteEngine + the bridge (§2.8, §2.11); local mode from §3.3.</summary>
    public static EngineTwinProfile Claude { get; } = new(
        EngineKind.Claude,
        "claude",
        new AgentCapabilities("claude", ["default", "claude-opus-4-5", "claude-sonnet-4-5", "claude-haiku-4-5"], ["default", "plan", "acceptEdits", "bypassPermissions"], []),
        "claude-sonnet-4-5",
        new TwinStartProfile(
            ReadyStep: TwinDelay.Millis(100, 1500),         // node + cli.js resolution, then "ready"
            ReadyBound: TimeSpan.FromSeconds(15),           // §2.8 step 2
            SessionIdsOnNewStart: 0,
            SessionIdsOnResume: 1,                          // ours: the resume token is reported before ready
            SessionIdOnFirstTurn: true,                     // system/init, de-duplicated per runner
            FailureMessage: "bridge error: bridge error: Claude Code cli.js not found",
            NeverReadyMessage: "claude remote bridge did not print ready within 15 s"),
        new TwinTurnProfile(
            SendReturns.AfterWrite,                         // §2.8: returns once the user line is written
            BusyPolicy.Queue,                               // §2.4: FIFO, one dispatch per result
            AbortStyle.DropTurn,                            // §2.4 abort: no result; ours clears working and withdraws prompts
            ThinkingUi: true,
            StartDelay: TwinDelay.None,
            StartBound: Timeout.InfiniteTimeSpan,
            OutputDelay: TwinDelay.Millis(50, 2000),
            InterruptDelay: TwinDelay.None,
            BusyText: null,
            NotRunningMessage: "claude remote bridge not running",
            ReplyPrefix: "claude: ",
            SkipsBlankText: false),
        new TwinPermissionProfile(PermissionStyle.ControlRequest, "toolreq-", "Bash", FiveMinutes, "context deadline exceeded", WithdrawnByAbort: true),
        new TwinExitProfile(
            OnStop: true,                                   // the exit watcher reports the bridge's exit
            StopExitDelay: TwinDelay.Millis(0, 2200),       // close stdin, SIGINT, 200 ms, SIGKILL, wait ≤ 2 s
            StopError: "signal: interrupt",
            CrashStyle.ProcessExit,
            "exit status 3"),
        new TwinLocalProfile(TwinDelay.None, ReportsRolloutPath: false, IsProcess: true, StopExitDelay: TwinDelay.Millis(0, 2500), AcceptsInjection: true));

    /// <summary>CodexAppServerEngine (§4.6, §4.8); local mode from §5.</summary>
    public static EngineTwinProfile Codex { get; } = new(
        EngineKind.Codex,
        "codex",
        new AgentCapabilities("codex", ["gpt-5.2-codex", "gpt-5.1-codex-max", "gpt-5.1-codex-mini", "gpt-5.2"], ["default", "read-only", "safe-yolo", "yolo"], ["low", "medium", "high", "xhigh"]),
        "unknown",
        new TwinStartProfile(
            ReadyStep: TwinDelay.Millis(50, 1000),          // initialize, initialized, thread/start
            ReadyBound: TimeSpan.FromSeconds(30),           // every call ≤ 30 s
            SessionIdsOnNewStart: 2,                        // thread/started notification, then the response
            SessionIdsOnResume: 1,
            SessionIdOnFirstTurn: false,
            FailureMessage: "failed to start app-server client: initialize refused",
            NeverReadyMessage: "codex thread open failed: timed out after 30 s"),
        new TwinTurnProfile(
            SendReturns.AfterTurnStarted,                   // waits ≤ 10 s for turn/started
            BusyPolicy.RejectVisibly,
            AbortStyle.Interrupt,
            ThinkingUi: true,
            StartDelay: TwinDelay.Millis(20, 1500),
            StartBound: TimeSpan.FromSeconds(10),
            OutputDelay: TwinDelay.Millis(50, 2000),
            InterruptDelay: TwinDelay.Millis(10, 500),      // turn/interrupt → turn/completed (interrupted)
            BusyText: "Codex is still working on the previous request. Press Stop to abort, then retry.",
            NotRunningMessage: "codex remote mode not active",
            ReplyPrefix: "codex: ",
            SkipsBlankText: false),
        TwinPermissionProfile.None,                         // approvalPolicy "never"; server requests answered unsupported
        new TwinExitProfile(
            OnStop: false,                                  // Stop kills the app-server silently
            StopExitDelay: TwinDelay.None,
            StopError: null,
            CrashStyle.ProcessExit,                         // ours: a dying app-server reports AgentExited (upstream wedges)
            "exit status 3"),
        new TwinLocalProfile(TwinDelay.Millis(350, 8150), ReportsRolloutPath: true, IsProcess: true, StopExitDelay: TwinDelay.Millis(0, 2000), AcceptsInjection: false));

    /// <summary>AcpEngine (§6.4, ours).</summary>
    public static EngineTwinProfile Acp { get; } = new(
        EngineKind.Acp,
        "acp",
        new AgentCapabilities("acp", [], [], []),
        "acp",
        new TwinStartProfile(
            ReadyStep: TwinDelay.None,                      // ready at once
            ReadyBound: TimeSpan.Zero,
            SessionIdsOnNewStart: 0,
            SessionIdsOnResume: 0,
            SessionIdOnFirstTurn: false,
            FailureMessage: "acp is not configured (missing url, agent, or session id)",
            NeverReadyMessage: "acp is not configured (missing url, agent, or session id)"),
        new TwinTurnProfile(
            SendReturns.AfterTurn,                          // blocks for the whole turn, permission waits included
            BusyPolicy.CancelPrevious,
            AbortStyle.CancelTurn,
            ThinkingUi: false,
            StartDelay: TwinDelay.None,
            StartBound: Timeout.InfiniteTimeSpan,
            OutputDelay: TwinDelay.Millis(20, 1500),        // POST /runs, then polls every 500 ms
            InterruptDelay: TwinDelay.None,
            BusyText: null,
            NotRunningMessage: "acp remote mode not active",
            ReplyPrefix: "acp: ",
            SkipsBlankText: false),
        new TwinPermissionProfile(PermissionStyle.AwaitingRun, "acp-", "acp.await", FiveMinutes, "permission request timed out", WithdrawnByAbort: true),
        new TwinExitProfile(
            OnStop: false,                                  // never emits AgentExited
            StopExitDelay: TwinDelay.None,
            StopError: null,
            CrashStyle.FailedRequest,                       // the server drops the request: "ACP turn failed: …", the send throws
            "acp request failed: the server closed the connection"),
        new TwinLocalProfile(TwinDelay.None, ReportsRolloutPath: false, IsProcess: false, StopExitDelay: TwinDelay.None, AcceptsInjection: false));

    /// <summary>FakeEngine (§7).</summary>
    public static EngineTwinProfile Fake { get; } = new(
        EngineKind.Fake,
        "fake",
        new AgentCapabilities("fake", [], [], []),
        "fake-agent",
        new TwinStartProfile(TwinDelay.None, TimeSpan.Zero, 0, 0, false, FailureMessage: null, NeverReadyMessage: "fake engine is always ready"),
        new TwinTurnProfile(
            SendReturns.Synchronously,
            BusyPolicy.NeverBusy,
            AbortStyle.Ignored,
            ThinkingUi: false,
            StartDelay: TwinDelay.None,
            StartBound: Timeout.InfiniteTimeSpan,
            OutputDelay: TwinDelay.None,
            InterruptDelay: TwinDelay.None,
            BusyText: null,
            NotRunningMessage: "fake remote mode not active",
            ReplyPrefix: "fake-agent: ",
            SkipsBlankText: true),
        TwinPermissionProfile.None,
        new TwinExitProfile(false, TwinDelay.None, null, CrashStyle.Never, string.Empty),
        new TwinLocalProfile(TwinDelay.None, ReportsRolloutPath: false, IsProcess: false, StopExitDelay: TwinDelay.None, AcceptsInjection: false));

    public static IReadOnlyList<EngineTwinProfile> All { get; } = [Claude, Codex, Acp, Fake];

    public static EngineTwinProfile For(EngineKind kind) => kind switch
    {
        EngineKind.Claude => Claude,
        EngineKind.Codex => Codex,
        EngineKind.Acp => Acp,
        EngineKind.Fake => Fake,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown engine kind"),
    };
}
