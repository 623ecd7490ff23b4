namespace Delight.Agents.Process;

/// <summary>How to launch an agent child process. <see cref="Environment"/> entries are added to (or, with a null
/// value, removed from) the CLI's own environment.</summary>
public sealed record ProcessStartSpec(
    string FileName,
    IReadOnlyList<string> Arguments,
    string? WorkingDirectory = null,
    IReadOnlyDictionary<string, string?>? Environment = null);

/// <summary>The stop sequence (ENGINES.md §2.8 for Claude, §4.6 for Codex). Steps run in order: close stdin,
/// optionally send <see cref="FirstSignal"/> and wait <see cref="Grace"/>, SIGKILL, wait up to <see cref="WaitLimit"/>.</summary>
public sealed record KillSequence(bool CloseInput, PosixSignalNumber? FirstSignal, TimeSpan Grace, TimeSpan WaitLimit)
{
    /// <summary>Claude bridge: close stdin, SIGINT, 200 ms, SIGKILL, wait ≤ 2 s.</summary>
    public static KillSequence ClaudeBridge { get; } = new(true, PosixSignalNumber.Interrupt, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2));

    /// <summary>Codex app-server: close stdin, SIGKILL, wait ≤ 2 s.</summary>
    public static KillSequence CodexAppServer { get; } = new(true, null, TimeSpan.Zero, TimeSpan.FromSeconds(2));
}

public enum PosixSignalNumber
{
    Interrupt = 2,
    Kill = 9,
    Terminate = 15,
}

/// <summary>How a child ended. <see cref="Description"/> follows Go's wording ("exit status 3", "signal: killed").</summary>
public sealed record ProcessExit(int ExitCode, string? Description, bool KilledByUs)
{
    public bool Success => ExitCode == 0;
}
