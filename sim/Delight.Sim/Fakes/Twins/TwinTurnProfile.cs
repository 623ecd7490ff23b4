namespace Delight.Sim.Fakes.Twins;

/// <summary>How a turn behaves.</summary>
/// <param name="Returns">When the send returns.</param>
/// <param name="Busy">What a send does while a turn is in progress.</param>
/// <param name="Abort">What Abort does.</param>
/// <param name="ThinkingUi">Working edges also report the <c>thinking-&lt;turnId&gt;</c> UI event (Claude, Codex).</param>
/// <param name="StartDelay">Until the turn starts (Codex: <c>turn/start</c> round trip and <c>turn/started</c>).</param>
/// <param name="StartBound">How long the send waits for the turn to start before failing (Codex: 10 s).</param>
/// <param name="OutputDelay">Between the turn's start and each piece of output.</param>
/// <param name="InterruptDelay">From an interrupt until the turn is reported over (Codex's <c>turn/completed</c>).</param>
/// <param name="BusyText">The visible rejection of a busy send (Codex), or null.</param>
/// <param name="NotRunningMessage">The error of a send, abort or stop naming a runner that is not running.</param>
/// <param name="ReplyPrefix">The reply text of a plain turn is this prefix followed by the user text.</param>
/// <param name="SkipsBlankText">A blank message produces no event at all (fake).</param>
public sealed record TwinTurnProfile(
    SendReturns Returns,
    BusyPolicy Busy,
    AbortStyle Abort,
    bool ThinkingUi,
    TwinDelay StartDelay,
    TimeSpan StartBound,
    TwinDelay OutputDelay,
    TwinDelay InterruptDelay,
    string? BusyText,
    string NotRunningMessage,
    string ReplyPrefix,
    bool SkipsBlankText);
