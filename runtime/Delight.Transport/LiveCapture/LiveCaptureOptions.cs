using Delight.Runtime.Agents;
using Delight.Runtime.Mailbox;
using Microsoft.Extensions.Logging;

namespace Delight.Transport.LiveCapture;

/// <summary>How to record a live session: which relay, which engine, how long any one step may take.</summary>
public sealed record LiveCaptureOptions
{
    /// <summary>The relay's base URL (HTTP and Socket.IO), for example <c>http://127.0.0.1:3005</c>.</summary>
    public required Uri Server { get; init; }

    /// <summary>Creates the session's engine (the runtime asks it for <see cref="AgentType"/>).</summary>
    public required IAgentEngineFactory Engines { get; init; }

    public string AgentType { get; init; } = "fake";

    /// <summary>The mailboxes of the session runtime and of the phone's SDK (<see cref="MailboxesForThisProcess"/>).</summary>
    public IMailboxFactory Mailboxes { get; init; } = MailboxesForThisProcess();

    /// <summary>Channels in production. When the runtime's assembly has been Coyote-rewritten (as in delight-sim and
    /// its tests), the rewritten <see cref="ChannelMailbox{T}"/> fails outside Coyote (InvalidProgramException in
    /// WaitToReceiveAsync: the rewriter mistypes ChannelReader's ValueTask), so the lock-based
    /// <see cref="SimulationMailbox{T}"/>, which is thread-safe and rewrites cleanly, is used instead.</summary>
    public static IMailboxFactory MailboxesForThisProcess() =>
        typeof(ChannelMailboxFactory).Assembly.GetCustomAttributes(inherit: false).Any(a => a.GetType().Name == "RewritingSignatureAttribute")
            ? SimulationMailboxFactory.Instance
            : ChannelMailboxFactory.Instance;

    /// <summary>The session's work directory (recorded as a placeholder: paths are sanitized).</summary>
    public string WorkDirectory { get; init; } = "/work";

    /// <summary>The longest any one step (an HTTP call, a connect, a flow's wait) may take before the recording fails.</summary>
    public TimeSpan StepTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How long the recorder must see no new record (with the session idle) to call it quiet.</summary>
    public TimeSpan QuietPeriod { get; init; } = TimeSpan.FromMilliseconds(400);

    public ILogger? Logger { get; init; }
}
