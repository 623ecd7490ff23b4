namespace Delight.Sim.Fakes.Twins;

/// <summary>How a runner ends.</summary>
/// <param name="OnStop">Stop reports <c>AgentExited</c> for the stopped runner (only Claude's bridge).</param>
/// <param name="StopExitDelay">From Stop until the exit is reported (Claude's kill sequence: close stdin, SIGINT,
/// 200 ms, SIGKILL, wait ≤ 2 s).</param>
/// <param name="StopError">The exit error reported after a Stop.</param>
/// <param name="Crash">What a crash is for this engine.</param>
/// <param name="CrashError">The exit error (or failed-request text) of a crash.</param>
public sealed record TwinExitProfile(
    bool OnStop,
    TwinDelay StopExitDelay,
    string? StopError,
    CrashStyle Crash,
    string CrashError);
