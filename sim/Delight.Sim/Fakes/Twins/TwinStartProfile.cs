namespace Delight.Sim.Fakes.Twins;

/// <summary>How a remote start behaves.</summary>
/// <param name="ReadyStep">Drawn once per swarm ready step (<c>SwarmConfig.AgentReadySteps</c>): the time until the
/// protocol is usable (the bridge's <c>ready</c> line, the app-server handshake and thread open).</param>
/// <param name="ReadyBound">How long the real engine waits for readiness before the start fails (Claude 15 s for
/// <c>ready</c>, Codex 30 s per call); a twin that is never ready fails its start at this bound.</param>
/// <param name="SessionIdsOnNewStart">How many <c>AgentSessionIdentified</c> precede <c>AgentReady</c> without a resume
/// token (Codex: two, one from <c>thread/started</c> and one from the response).</param>
/// <param name="SessionIdsOnResume">How many precede <c>AgentReady</c> with a resume token.</param>
/// <param name="SessionIdOnFirstTurn">The session id is reported by the first turn (Claude's <c>system/init</c>),
/// once per runner unless it changes.</param>
/// <param name="FailureMessage">The error of a failed start (a drawn spawn failure), or null when starts cannot fail.</param>
/// <param name="NeverReadyMessage">The error when readiness never comes within <see cref="ReadyBound"/>.</param>
public sealed record TwinStartProfile(
    TwinDelay ReadyStep,
    TimeSpan ReadyBound,
    int SessionIdsOnNewStart,
    int SessionIdsOnResume,
    bool SessionIdOnFirstTurn,
    string? FailureMessage,
    string NeverReadyMessage);
